import type { INestApplication } from '@nestjs/common';
import { AccessService, type Role } from '@ledger/access';

/** Headers that authenticate a request: `request(...).get(path).set(principals.auditor)`. */
export type AuthHeaders = Readonly<{ Authorization: string }>;

export interface TestPrincipals {
  readonly admin: AuthHeaders;
  readonly fundManager: AuthHeaders;
  readonly guaranteeOfficer: AuthHeaders;
  readonly auditor: AuthHeaders;
  /** A bank user's headers; the bank must be among `banks` given to `testPrincipals`. */
  bank(bankId: string): AuthHeaders;
  /** The user id (= the actor recorded in events) of each principal. */
  readonly userIds: Readonly<Record<'admin' | 'fundManager' | 'guaranteeOfficer' | 'auditor', string>>;
}

const created = new WeakMap<INestApplication, Promise<TestPrincipals>>();

/**
 * One user and API key per role on a test app, created directly through the access service
 * (no HTTP, no events). Repeated calls on one app give the same principals.
 */
export function testPrincipals(
  app: INestApplication,
  options: { banks?: readonly string[] } = {},
): Promise<TestPrincipals> {
  let principals = created.get(app);
  if (!principals) {
    principals = create(app, options.banks ?? ['CNCAS']);
    created.set(app, principals);
  }
  return principals;
}

async function create(app: INestApplication, banks: readonly string[]): Promise<TestPrincipals> {
  const access = app.get(AccessService);
  const keyFor = async (userId: string, role: Role, bankId: string | null = null): Promise<AuthHeaders> => {
    await access.createUser({ userId, role, bankId, displayName: `test ${role}` }, 'test-setup');
    const key = await access.issueKey(userId, 'test', 'test-setup');
    return { Authorization: `Bearer ${key.apiKey}` };
  };
  const userIds = {
    admin: 'test-admin',
    fundManager: 'test-fund-manager',
    guaranteeOfficer: 'test-guarantee-officer',
    auditor: 'test-auditor',
  } as const;
  const bankHeaders = new Map<string, AuthHeaders>();
  for (const bankId of banks)
    bankHeaders.set(bankId, await keyFor(`test-bank-${bankId.toLowerCase()}`, 'bank', bankId));
  return {
    admin: await keyFor(userIds.admin, 'admin'),
    fundManager: await keyFor(userIds.fundManager, 'fund_manager'),
    guaranteeOfficer: await keyFor(userIds.guaranteeOfficer, 'guarantee_officer'),
    auditor: await keyFor(userIds.auditor, 'auditor'),
    bank: (bankId: string) => {
      const headers = bankHeaders.get(bankId);
      if (!headers) throw new Error(`no test bank ${bankId}: pass it in testPrincipals(app, { banks })`);
      return headers;
    },
    userIds,
  };
}
