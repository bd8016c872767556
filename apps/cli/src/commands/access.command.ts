import { HttpException, Logger } from '@nestjs/common';
import type { Command } from 'commander';
import {
  AccessService,
  AccessStore,
  ROLES,
  SYSTEM_ACTORS,
  isRole,
  type ApiKeyView,
  type UserView,
} from '@ledger/access';
import { withRuntime } from '../cli-runtime';

/**
 * `ledger users …` and `ledger keys …`: users and API keys managed on the server, through the same
 * rules as `/access/users` and `/access/api-keys` (reserved names, the last active admin), recorded
 * in the access changes with the actor `cli`. An operator who lost every admin key recovers with
 * `ledger keys create --user <admin>`, without the API.
 */
export function registerAccessCommands(program: Command): void {
  registerUsersCommand(program);
  registerKeysCommand(program);
}

function registerUsersCommand(program: Command): void {
  const users = program.command('users').description('users of the API and their roles');

  users
    .command('list')
    .description('every user, disabled ones too')
    .option('--json', 'print JSON')
    .action((options: { json?: boolean }) =>
      withAccess(async (access) => {
        const all = await access.users();
        if (options.json) return console.log(JSON.stringify(all, null, 2));
        for (const user of all) console.log(userLine(user));
      }),
    );

  users
    .command('create <userId>')
    .description('a user with one role; give it a key with `ledger keys create --user <userId>`')
    .requiredOption('--role <role>', `one of ${ROLES.join(', ')}`)
    .option('--bank <bankId>', 'the bank a bank user speaks for (required for the bank role)')
    .option('--name <displayName>', 'a name to show')
    .action((userId: string, options: { role: string; bank?: string; name?: string }) =>
      withAccess(async (access) => {
        if (!isRole(options.role)) throw new Error(`--role must be one of ${ROLES.join(', ')}, got ${options.role}`);
        const user = await access.createUser(
          { userId, role: options.role, bankId: options.bank ?? null, displayName: options.name ?? null },
          SYSTEM_ACTORS.cli,
        );
        console.log(userLine(user));
      }),
    );

  users
    .command('disable <userId>')
    .description('disable a user and revoke every key it has (never the last active admin)')
    .action((userId: string) =>
      withAccess(async (access) => {
        console.log(userLine(await access.disableUser(userId, SYSTEM_ACTORS.cli)));
      }),
    );
}

function registerKeysCommand(program: Command): void {
  const keys = program.command('keys').description('API keys (stored only as salted hashes)');

  keys
    .command('list')
    .description('every key, revoked ones too (never the keys themselves)')
    .option('--user <userId>', 'only this user’s keys')
    .option('--json', 'print JSON')
    .action((options: { user?: string; json?: boolean }) =>
      withAccess(async (access) => {
        const all = await access.keys(options.user);
        if (options.json) return console.log(JSON.stringify(all, null, 2));
        for (const key of all) console.log(keyLine(key));
      }),
    );

  keys
    .command('create')
    .description('a new key for a user, printed once on stdout (only there, never again)')
    .requiredOption('--user <userId>', 'the user the key acts as')
    .option('--label <label>', 'what the key is for')
    .action((options: { user: string; label?: string }) =>
      withAccess(async (access) => {
        const issued = await access.issueKey(options.user, options.label ?? null, SYSTEM_ACTORS.cli);
        process.stderr.write(
          `key ${issued.keyId} for ${issued.userId} (${issued.role}); it is shown once, below — keep it safe\n`,
        );
        console.log(issued.apiKey);
      }),
    );

  keys
    .command('revoke <keyId>')
    .description('revoke a key (never the last active key of the last active admin)')
    .action((keyId: string) =>
      withAccess(async (access) => {
        console.log(keyLine(await access.revokeKey(keyId, SYSTEM_ACTORS.cli)));
      }),
    );
}

/** The access service on the ledger's database; a refusal becomes an error naming its code and reasons. */
async function withAccess(work: (access: AccessService) => Promise<void>): Promise<void> {
  // stdout carries only the answer (a key, for `KEY=$(ledger keys create …)`); the service's info log is not it.
  Logger.overrideLogger(['warn', 'error']);
  await withRuntime(async (runtime) => {
    try {
      await work(new AccessService(new AccessStore(runtime.dataSource)));
    } catch (error) {
      throw error instanceof HttpException ? new Error(refusal(error)) : error;
    }
  });
}

/** `last-active-admin: admin is the last active admin: …` or `validation-failed: userId is reserved …`. */
function refusal(error: HttpException): string {
  const body = error.getResponse() as {
    error?: string;
    message?: string;
    fields?: { field: string; reasons: string[] }[];
  };
  if (typeof body !== 'object') return String(body);
  const fields = (body.fields ?? []).map((field) => `${field.field} ${field.reasons.join(', ')}`);
  return `${body.error ?? error.getStatus()}: ${fields.length > 0 ? fields.join('; ') : body.message}`;
}

function userLine(user: UserView): string {
  const state = user.disabledAt ? `disabled ${user.disabledAt} by ${user.disabledBy}` : 'active';
  return [user.userId, user.role, user.bankId ?? '-', state, user.displayName ?? ''].join('\t').trimEnd();
}

function keyLine(key: ApiKeyView): string {
  const state = key.revokedAt ? `revoked ${key.revokedAt} by ${key.revokedBy}` : 'active';
  return [key.keyId, key.userId, key.role, state, key.label ?? ''].join('\t').trimEnd();
}
