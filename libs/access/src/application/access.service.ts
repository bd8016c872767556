import { BadRequestException, ConflictException, Inject, Injectable, Logger, NotFoundException } from '@nestjs/common';
import { generateApiKey, hashApiKey, keyIdOf, verifyApiKey } from '../domain/api-key';
import { lastActiveAdminLostBy, type AdminAffectingChange } from '../domain/last-admin';
import type { Principal } from '../domain/principal';
import { BANK_ID_PATTERN, USER_ID_PATTERN, type Role } from '../domain/roles';
import { isReservedUserId, RESERVED_USER_IDS } from '../domain/system-actors';
import { AccessStore, type ApiKeyView, type KeyRecord, type UserView } from './access.store';

/** How long a verified key stays in this process's cache; revocations here clear it at once. */
const KEY_CACHE_MS = 5_000;

export interface NewUser {
  readonly userId: string;
  readonly role: Role;
  readonly bankId?: string | null;
  readonly displayName?: string | null;
}

export interface IssuedApiKey extends ApiKeyView {
  /** The key itself: shown here once, never stored, never shown again. */
  readonly apiKey: string;
}

/**
 * Users and API keys: creation, revocation, and the lookup of a presented key. Changes are
 * written to `access_changes` and logged (never with a key); they are not ledger events.
 */
@Injectable()
export class AccessService {
  private readonly logger = new Logger('Access');
  private readonly cache = new Map<string, { record: KeyRecord; until: number }>();

  constructor(@Inject(AccessStore) private readonly store: AccessStore) {}

  /** The principal behind a presented key, or null (unknown, wrong secret, revoked, user disabled). */
  async authenticate(apiKey: string): Promise<Principal | null> {
    const keyId = keyIdOf(apiKey);
    if (keyId === null) return null;
    const now = Date.now();
    const cached = this.cache.get(keyId);
    let record = cached && cached.until > now ? cached.record : null;
    if (record === null) {
      record = await this.store.keyRecord(keyId);
      if (record === null) return null;
      this.cache.set(keyId, { record, until: now + KEY_CACHE_MS });
    }
    if (!record.active || !verifyApiKey(apiKey, record)) return null;
    return { userId: record.userId, role: record.role, bankId: record.bankId, keyId: record.keyId };
  }

  async createUser(user: NewUser, by: string, store = this.store): Promise<UserView> {
    if (!USER_ID_PATTERN.test(user.userId)) {
      throw invalid('userId', 'must be 1 to 64 lower-case letters, digits or . _ -, starting with a letter or digit');
    }
    if (isReservedUserId(user.userId)) throw invalid('userId', RESERVED_REASON);
    const bankId = user.bankId ?? null;
    if (user.role === 'bank' && (bankId === null || !BANK_ID_PATTERN.test(bankId))) {
      throw invalid('bankId', 'a bank user needs the id of its bank (1 to 64 letters, digits or . _ -)');
    }
    if (user.role !== 'bank' && bankId !== null) throw invalid('bankId', 'only a bank user has a bank id');
    const inserted = await store.insertUser(
      { userId: user.userId, role: user.role, bankId, displayName: user.displayName ?? null },
      by,
    );
    if (!inserted) {
      throw new ConflictException({ statusCode: 409, error: 'user-exists', message: `user ${user.userId} exists` });
    }
    await store.recordChange(by, 'user-created', user.userId, { role: user.role, bankId });
    this.logger.log({ event: 'user-created', by, userId: user.userId, role: user.role, bankId });
    return (await store.user(user.userId))!;
  }

  async users(): Promise<UserView[]> {
    return this.store.users();
  }

  async user(userId: string): Promise<UserView> {
    const user = await this.store.user(userId);
    if (!user) throw userNotFound(userId);
    return user;
  }

  /**
   * Disables a user and revokes every key it has — never the last admin who can act (409
   * `last-active-admin`, nothing changed). Decided under the access lock, so two requests
   * disabling the last two admins at once cannot both pass.
   */
  async disableUser(userId: string, by: string): Promise<UserView> {
    const disabled = await this.store.inTransaction(async (store) => {
      const user = await store.user(userId);
      if (!user) throw userNotFound(userId);
      if (user.disabledAt !== null) return { user, revoked: null };
      await refuseLosingLastAdmin(store, { kind: 'disable-user', userId });
      const revoked = await store.disableUser(userId, by);
      await store.recordChange(by, 'user-disabled', userId, { revokedKeys: revoked });
      return { user: (await store.user(userId))!, revoked };
    });
    if (disabled.revoked !== null) {
      this.cache.clear();
      this.logger.log({ event: 'user-disabled', by, userId, revokedKeys: disabled.revoked });
    }
    return disabled.user;
  }

  /**
   * A new random key for a user. `apiKey` may be given (LEDGER_ADMIN_API_KEY at bootstrap);
   * otherwise one is generated.
   */
  async issueKey(
    userId: string,
    label: string | null,
    by: string,
    options: { apiKey?: string; store?: AccessStore } = {},
  ): Promise<IssuedApiKey> {
    const store = options.store ?? this.store;
    const user = await store.user(userId);
    if (!user) throw userNotFound(userId);
    if (user.disabledAt !== null) {
      throw new ConflictException({ statusCode: 409, error: 'user-disabled', message: `user ${userId} is disabled` });
    }
    for (let attempt = 0; attempt < 5; attempt++) {
      const { keyId, apiKey } = options.apiKey
        ? { keyId: keyIdOf(options.apiKey), apiKey: options.apiKey }
        : generateApiKey();
      if (keyId === null) throw new Error('the API key is not usable (too short: at least 32 characters)');
      const inserted = await store.insertKey({ keyId, userId, label, ...hashApiKey(apiKey) }, by);
      if (inserted) {
        await store.recordChange(by, 'api-key-created', keyId, { userId, role: user.role, label });
        this.logger.log({ event: 'api-key-created', by, keyId, userId, role: user.role });
        return { ...(await store.key(keyId))!, apiKey };
      }
      if (options.apiKey) {
        throw new ConflictException({
          statusCode: 409,
          error: 'api-key-exists',
          message: 'this key is already stored',
        });
      }
    }
    throw new Error('could not draw a free key id');
  }

  async keys(userId?: string): Promise<ApiKeyView[]> {
    return this.store.keys(userId);
  }

  /** Revokes a key — never the last active key of the last admin who can act (409 `last-active-admin`). */
  async revokeKey(keyId: string, by: string): Promise<ApiKeyView> {
    const revoked = await this.store.inTransaction(async (store) => {
      const key = await store.key(keyId);
      if (!key) {
        throw new NotFoundException({ statusCode: 404, error: 'api-key-not-found', message: `no API key ${keyId}` });
      }
      if (key.revokedAt !== null) return { key, changed: false };
      await refuseLosingLastAdmin(store, { kind: 'revoke-key', keyId });
      const changed = await store.revokeKey(keyId, by);
      if (changed) await store.recordChange(by, 'api-key-revoked', keyId, { userId: key.userId });
      return { key: (await store.key(keyId))!, changed };
    });
    if (revoked.changed) {
      this.cache.clear();
      this.logger.log({ event: 'api-key-revoked', by, keyId, userId: revoked.key.userId });
    }
    return revoked.key;
  }

  denials(limit: number, offset: number) {
    return this.store.denials(limit, offset);
  }

  changes(limit: number, offset: number) {
    return this.store.changes(limit, offset);
  }
}

const RESERVED_REASON = `is reserved for the ledger's own actions (${RESERVED_USER_IDS.join(', ')})`;

/** 409 `last-active-admin` when `change` would leave no admin who can act. */
async function refuseLosingLastAdmin(store: AccessStore, change: AdminAffectingChange): Promise<void> {
  const last = lastActiveAdminLostBy(await store.activeAdmins(), change);
  if (last === null) return;
  throw new ConflictException({
    statusCode: 409,
    error: 'last-active-admin',
    message:
      change.kind === 'disable-user'
        ? `${last} is the last active admin: give another admin a key before disabling it`
        : `this is the last active key of ${last}, the last active admin: create another admin key before revoking it`,
    details: { userId: last, ...(change.kind === 'revoke-key' ? { keyId: change.keyId } : {}) },
  });
}

function userNotFound(userId: string): NotFoundException {
  return new NotFoundException({ statusCode: 404, error: 'user-not-found', message: `no user ${userId}` });
}

function invalid(field: string, reason: string): BadRequestException {
  return new BadRequestException({
    statusCode: 400,
    error: 'validation-failed',
    message: 'the request is invalid',
    fields: [{ field, reasons: [reason] }],
  });
}
