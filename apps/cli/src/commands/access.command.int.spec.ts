import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { Command } from 'commander';
import request from 'supertest';
import { closeTestApp, testDatabaseKinds, testLedgerConfig } from '@ledger/testing';
import { createApp } from '../../../api/src/bootstrap';
import { registerAccessCommands } from './access.command';

/**
 * `ledger users …` and `ledger keys …` on the ledger's own database, as an operator who lost the
 * admin key runs them on the server: the same rules as the API (reserved names, the last active
 * admin), a key printed once, and the API accepting it afterwards.
 */
for (const kind of testDatabaseKinds()) {
  describe(`ledger users and keys, on ${kind}`, () => {
    const { config: base, dropSchema } = testLedgerConfig(kind);
    // The embedded database in a folder of its own, so that it outlives each command.
    const dataDir = mkdtempSync(join(tmpdir(), 'ledger-cli-access-'));
    const config = { ...base, dataDir };
    const env: Record<string, string> =
      kind === 'embedded'
        ? { DATA_DIR: dataDir }
        : { DATA_DIR: dataDir, DATABASE_URL: base.databaseUrl!, DATABASE_SCHEMA: base.schema! };
    const saved = { ...process.env };
    let app: INestApplication | undefined;

    afterAll(async () => {
      await closeTestApp(app, dropSchema);
      rmSync(dataDir, { recursive: true, force: true });
    });

    /** Runs `ledger <args>` in this process, on this ledger; what it printed on stdout, line by line. */
    async function ledger(...args: string[]): Promise<string[]> {
      const program = new Command('ledger').exitOverride();
      registerAccessCommands(program);
      const printed: string[] = [];
      const log = jest.spyOn(console, 'log').mockImplementation((line: unknown) => void printed.push(String(line)));
      // Anything else written to stdout (a logger) would spoil `KEY=$(ledger keys create …)`: it counts too.
      const stdout = jest
        .spyOn(process.stdout, 'write')
        .mockImplementation((chunk: string | Uint8Array) => (printed.push(String(chunk).trimEnd()), true));
      const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
      Object.assign(process.env, env);
      try {
        await program.parseAsync(args, { from: 'user' });
        return printed.join('\n').split('\n');
      } finally {
        log.mockRestore();
        stdout.mockRestore();
        stderr.mockRestore();
        for (const name of Object.keys(env)) if (!(name in saved)) delete process.env[name];
      }
    }

    let firstKey: string;
    let firstKeyId: string;
    let secondKey: string;

    it('creates an admin and prints its key once', async () => {
      expect(await ledger('users', 'create', 'ops', '--role', 'admin', '--name', 'Operations')).toEqual([
        'ops\tadmin\t-\tactive\tOperations',
      ]);
      const printed = await ledger('keys', 'create', '--user', 'ops', '--label', 'first');
      expect(printed).toEqual([expect.stringMatching(/^lk_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$/)]);
      const [key] = printed;
      [firstKey, firstKeyId] = [key, key.slice(3, 15)];
      const listed = await ledger('keys', 'list', '--user', 'ops');
      expect(listed).toEqual([`${firstKeyId}\tops\tadmin\tactive\tfirst`]);
      // The key itself is never shown again.
      expect(listed.join('\n')).not.toContain(key);
    });

    it('refuses what the API refuses, naming the rule', async () => {
      await expect(ledger('users', 'create', 'four-eyes-expiry', '--role', 'admin')).rejects.toThrow(
        /validation-failed: userId is reserved/,
      );
      await expect(ledger('users', 'create', 'x', '--role', 'wizard')).rejects.toThrow(/--role must be one of/);
      await expect(ledger('users', 'disable', 'ops')).rejects.toThrow(
        /last-active-admin: ops is the last active admin/,
      );
      await expect(ledger('keys', 'revoke', firstKeyId)).rejects.toThrow(/last-active-admin/);
      await expect(ledger('keys', 'create', '--user', 'nobody')).rejects.toThrow(/user-not-found/);
      const users = JSON.parse((await ledger('users', 'list', '--json')).join('\n'));
      expect(users).toEqual([expect.objectContaining({ userId: 'ops', role: 'admin', disabledAt: null })]);
    });

    it('recovers a lost admin key: a new one, then the old one revoked', async () => {
      [secondKey] = await ledger('keys', 'create', '--user', 'ops', '--label', 'recovered');
      const [revoked] = await ledger('keys', 'revoke', firstKeyId);
      expect(revoked).toMatch(new RegExp(`^${firstKeyId}\\tops\\tadmin\\trevoked .+ by cli\\tfirst$`));
      await ledger('users', 'create', 'amina', '--role', 'fund_manager');
      expect(await ledger('users', 'disable', 'amina')).toEqual([
        expect.stringMatching(/^amina\tfund_manager\t-\tdisabled .+ by cli$/),
      ]);
    });

    it('hands the API a key it accepts, and the old one no more', async () => {
      app = await createApp(config, { logger: false });
      await app.init();
      const me = await request(app.getHttpServer()).get('/access/me').set('Authorization', `Bearer ${secondKey}`);
      expect(me.status).toBe(200);
      expect(me.body).toMatchObject({ userId: 'ops', role: 'admin' });
      await request(app.getHttpServer()).get('/access/me').set('Authorization', `Bearer ${firstKey}`).expect(401);
      const changes = await request(app.getHttpServer())
        .get('/access/changes?limit=50')
        .set('Authorization', `Bearer ${secondKey}`)
        .expect(200);
      expect(changes.body.items.map((change: { actor: string }) => change.actor)).toEqual(
        Array(changes.body.items.length).fill('cli'),
      );
    });
  });
}
