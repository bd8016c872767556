import { randomBytes } from 'node:crypto';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { LedgerRuntime } from '@ledger/platform';
import type { AccessConfig } from '../access-config';
import { keyIdOf } from '../domain/api-key';
import { SYSTEM_ACTORS } from '../domain/system-actors';
import { AccessService } from './access.service';
import { AccessStore } from './access.store';

export const ACCESS_CONFIG = Symbol('ACCESS_CONFIG');
export const ADMIN_KEY_FILE = 'admin-api-key';

/**
 * A fresh ledger has no users, and every route but /health needs a key: on start, when no active
 * admin key exists, create user `admin` (or `admin-2`, … if that id is taken) with one key —
 * `LEDGER_ADMIN_API_KEY` if set, else a generated key written once to `<DATA_DIR>/admin-api-key`
 * (mode 0600). The key itself is never logged; where it is, is. On an in-memory database (tests)
 * there is no folder to write to, so without `LEDGER_ADMIN_API_KEY` nothing is generated.
 *
 * Restarting with `LEDGER_ADMIN_API_KEY` set to a key already stored is not an error: an active
 * admin key is left as it is; a key that was revoked (or whose user was disabled) is never brought
 * back — it is set aside with a warning, and a key is generated as if it were unset.
 */
@Injectable()
export class AdminKeyBootstrap implements OnApplicationBootstrap {
  private readonly logger = new Logger('Access');

  constructor(
    private readonly service: AccessService,
    @Inject(AccessStore) private readonly store: AccessStore,
    private readonly runtime: LedgerRuntime,
    @Inject(ACCESS_CONFIG) private readonly config: AccessConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const envKey = this.config.adminApiKey;
    const dataDir = this.runtime.config.dataDir;
    const inMemory = dataDir.startsWith('memory://');
    const by = SYSTEM_ACTORS.bootstrap;
    const outcome = await this.store.inTransaction(async (store) => {
      if (await store.hasActiveAdminKey()) return { kind: 'present' as const };
      const envKeyId = envKey ? keyIdOf(envKey) : null;
      // Stored already, yet no active admin key: it was revoked or its user disabled. Not again.
      const envKeyStored = envKeyId !== null && (await store.keyRecord(envKeyId)) !== null;
      const usable = envKey && !envKeyStored ? envKey : undefined;
      if (!usable && inMemory) return { kind: 'nowhere' as const, envKeyStored };
      const userId = await this.freeAdminId(store);
      await this.service.createUser({ userId, role: 'admin', displayName: 'first administrator' }, by, store);
      if (usable) {
        const key = await this.service.issueKey(userId, 'LEDGER_ADMIN_API_KEY', by, { apiKey: usable, store });
        return { kind: 'from-env' as const, userId, keyId: key.keyId };
      }
      const key = await this.service.issueKey(userId, 'generated at first start', by, { store });
      const file = resolve(join(dataDir, ADMIN_KEY_FILE));
      await writeSecret(file, `${key.apiKey}\n`);
      return { kind: 'generated' as const, userId, keyId: key.keyId, file, envKeyStored };
    });
    if ('envKeyStored' in outcome && outcome.envKeyStored) {
      this.logger.warn(
        'LEDGER_ADMIN_API_KEY is a key this ledger revoked (or whose user was disabled): it is not brought back; ' +
          'unset it, or use `ledger keys create --user <admin>` on the server',
      );
    }
    switch (outcome.kind) {
      case 'present':
        if (envKey && (await this.service.authenticate(envKey)) === null) {
          this.logger.warn('LEDGER_ADMIN_API_KEY is set but not applied: this ledger already has an admin key');
        }
        return;
      case 'nowhere':
        this.logger.warn('no admin API key and nowhere to write one (in-memory database): set LEDGER_ADMIN_API_KEY');
        return;
      case 'from-env':
        this.logger.log(
          `first admin ${outcome.userId} created with the key from LEDGER_ADMIN_API_KEY (${outcome.keyId})`,
        );
        return;
      case 'generated':
        this.logger.warn(
          `first admin ${outcome.userId} created; its API key (${outcome.keyId}) was written to ${outcome.file} ` +
            '(mode 0600) — keep it somewhere safe, then delete the file',
        );
        return;
    }
  }

  private async freeAdminId(store: AccessStore): Promise<string> {
    for (let n = 1; ; n++) {
      const userId = n === 1 ? 'admin' : `admin-${n}`;
      if ((await store.user(userId)) === null) return userId;
    }
  }
}

/** Writes a file readable by its owner only, atomically (a reader never sees half a key). */
async function writeSecret(file: string, content: string): Promise<void> {
  const dir = resolve(file, '..');
  await mkdir(dir, { recursive: true });
  const temporary = join(dir, `.${ADMIN_KEY_FILE}.${randomBytes(4).toString('hex')}`);
  await writeFile(temporary, content, { mode: 0o600, flag: 'wx' });
  await rename(temporary, file);
}
