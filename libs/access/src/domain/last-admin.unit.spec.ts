import { lastActiveAdminLostBy, type ActiveAdmin } from './last-admin';
import { isReservedUserId, RESERVED_USER_IDS } from './system-actors';

const admin = (userId: string, ...keyIds: string[]): ActiveAdmin => ({ userId, keyIds });

describe('the last active admin', () => {
  describe('given one admin with one key', () => {
    const admins = [admin('admin', 'k1')];

    it('refuses to disable it', () => {
      expect(lastActiveAdminLostBy(admins, { kind: 'disable-user', userId: 'admin' })).toBe('admin');
    });
    it('refuses to revoke its key', () => {
      expect(lastActiveAdminLostBy(admins, { kind: 'revoke-key', keyId: 'k1' })).toBe('admin');
    });
    it('lets another user be disabled and another key be revoked', () => {
      expect(lastActiveAdminLostBy(admins, { kind: 'disable-user', userId: 'amina' })).toBeNull();
      expect(lastActiveAdminLostBy(admins, { kind: 'revoke-key', keyId: 'k9' })).toBeNull();
    });
  });

  describe('given one admin with two keys', () => {
    it('lets one key go, not the user', () => {
      const admins = [admin('admin', 'k1', 'k2')];
      expect(lastActiveAdminLostBy(admins, { kind: 'revoke-key', keyId: 'k1' })).toBeNull();
      expect(lastActiveAdminLostBy(admins, { kind: 'disable-user', userId: 'admin' })).toBe('admin');
    });
  });

  describe('given two admins', () => {
    it('lets either go', () => {
      const admins = [admin('admin', 'k1'), admin('ops', 'k2')];
      expect(lastActiveAdminLostBy(admins, { kind: 'disable-user', userId: 'admin' })).toBeNull();
      expect(lastActiveAdminLostBy(admins, { kind: 'revoke-key', keyId: 'k2' })).toBeNull();
    });
  });

  describe('given no active admin at all', () => {
    it('refuses nothing (there is nothing left to keep)', () => {
      expect(lastActiveAdminLostBy([], { kind: 'disable-user', userId: 'admin' })).toBeNull();
    });
  });
});

describe('reserved user ids', () => {
  it('are the system actors', () => {
    expect(RESERVED_USER_IDS).toEqual(expect.arrayContaining(['bootstrap', 'four-eyes-expiry', 'seed-demo', 'cli']));
    expect(isReservedUserId('bootstrap')).toBe(true);
    expect(isReservedUserId('amina.fund')).toBe(false);
  });
});

describe('the actors the code records for itself', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { readdirSync, readFileSync, statSync } = require('node:fs') as typeof import('node:fs');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { join } = require('node:path') as typeof import('node:path');
  const root = join(__dirname, '..', '..', '..', '..');

  /** `actor: '<name>'` and `ACTOR = '<name>'` in the sources (tests, test kits and the stores' field maps aside). */
  function literalActors(dir: string, found = new Set<string>()): Set<string> {
    for (const entry of readdirSync(dir)) {
      const path = join(dir, entry);
      if (statSync(path).isDirectory()) {
        if (!['node_modules', 'testing', 'console', 'event-store'].includes(entry)) literalActors(path, found);
      } else if (entry.endsWith('.ts') && !entry.endsWith('.spec.ts') && entry !== 'int-test-support.ts') {
        const text = readFileSync(path, 'utf8');
        for (const match of text.matchAll(/\b(?:actor:|ACTOR =) '([^']+)'/g)) found.add(match[1]);
      }
    }
    return found;
  }

  it('are all reserved', () => {
    const actors = [...literalActors(join(root, 'libs')), ...literalActors(join(root, 'apps'))];
    expect(actors).toEqual(expect.arrayContaining(['four-eyes-expiry', 'seed-demo']));
    expect(actors.filter((actor) => !isReservedUserId(actor))).toEqual([]);
  });
});
