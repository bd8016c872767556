import type { INestApplication } from '@nestjs/common';
import { AccessService, type Role } from '@ledger/access';

/** Headers that authenticate a request: `request(...).get(path).set(principals.auditor)`. */
export type AuthHeaders = Readonly<{ Authorization: string }>;

export interface TestPrincipals {
  readonly admin: AuthHeaders;
  readonly fundManager: AuthHeaders;
  /** A second fund manager: the other person of a four-eyes approval. */
  readonly secondFundManager: AuthHeaders;
  readonly guaranteeOfficer: AuthHeaders;
  /** A second guarantee officer: the other person of a four-eyes approval. */
  readonly secondGuaranteeOfficer: AuthHeaders;
  readonly auditor: AuthHeaders;
  /** A bank user's headers; the bank must be among `banks` given to `testPrincipals`. */
  bank(bankId: string): AuthHeaders;
  /** The user id (= the actor recorded in events) of each principal. */
  readonly userIds: Readonly<
    Record<
      'admin' | 'fundManager' | 'secondFundManager' | 'guaranteeOfficer' | 'secondGuaranteeOfficer' | 'auditor',
      string
    >
  >;
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
    secondFundManager: 'test-fund-manager-2',
    guaranteeOfficer: 'test-guarantee-officer',
    secondGuaranteeOfficer: 'test-guarantee-officer-2',
    auditor: 'test-auditor',
  } as const;
  const bankHeaders = new Map<string, AuthHeaders>();
  for (const bankId of banks)
    bankHeaders.set(bankId, await keyFor(`test-bank-${bankId.toLowerCase()}`, 'bank', bankId));
  return {
    admin: await keyFor(userIds.admin, 'admin'),
    fundManager: await keyFor(userIds.fundManager, 'fund_manager'),
    secondFundManager: await keyFor(userIds.secondFundManager, 'fund_manager'),
    guaranteeOfficer: await keyFor(userIds.guaranteeOfficer, 'guarantee_officer'),
    secondGuaranteeOfficer: await keyFor(userIds.secondGuaranteeOfficer, 'guarantee_officer'),
    auditor: await keyFor(userIds.auditor, 'auditor'),
    bank: (bankId: string) => {
      const headers = bankHeaders.get(bankId);
      if (!headers) throw new Error(`no test bank ${bankId}: pass it in testPrincipals(app, { banks })`);
      return headers;
    },
    userIds,
  };
}
