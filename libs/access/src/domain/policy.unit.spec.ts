import { decideAccess, maySettleProposal, type RouteAccess } from './policy';
import { ROLES, type Role } from './roles';

const as = (role: Role, bankId: string | null = null) => ({ role, bankId });
const get = (params: Record<string, string> = {}) => ({ method: 'GET', params });
const post = (params: Record<string, string> = {}) => ({ method: 'POST', params });

const allowedRoles = (route: RouteAccess, attempt: { method: string; params: Record<string, string> }) =>
  ROLES.filter((role) => decideAccess(as(role, role === 'bank' ? 'CNCAS' : null), route, attempt).allowed);

describe('the access policy', () => {
  describe('on the co-financing fund', () => {
    const route: RouteAccess = { family: 'cofinancing' };
    it('fund managers, auditors and admins read', () => {
      expect(allowedRoles(route, get())).toEqual(['admin', 'fund_manager', 'auditor']);
    });
    it('only fund managers send commands; the others get 403', () => {
      expect(allowedRoles(route, post())).toEqual(['fund_manager']);
      expect(decideAccess(as('auditor'), route, post())).toMatchObject({ allowed: false, status: 403 });
      expect(decideAccess(as('guarantee_officer'), route, get())).toMatchObject({ allowed: false, status: 403 });
    });
  });

  describe('on mutual guarantees', () => {
    const route: RouteAccess = { family: 'guarantees' };
    it('guarantee officers, auditors and admins read; only guarantee officers write', () => {
      expect(allowedRoles(route, get())).toEqual(['admin', 'guarantee_officer', 'auditor']);
      expect(allowedRoles(route, post())).toEqual(['guarantee_officer']);
      expect(allowedRoles(route, { method: 'DELETE', params: {} })).toEqual(['guarantee_officer']);
    });
    it('a bank gets 403 whatever the id (the answer does not depend on the id)', () => {
      expect(decideAccess(as('bank', 'CNCAS'), route, get({ conventionId: 'c-1' }))).toMatchObject({ status: 403 });
    });
  });

  describe('on bank access routes (/banks/:bankId/...)', () => {
    const route: RouteAccess = { family: 'bank-access', bankScope: 'bankId' };
    it('a bank reads under its own bank id', () => {
      expect(decideAccess(as('bank', 'CNCAS'), route, get({ bankId: 'CNCAS' }))).toEqual({ allowed: true });
    });
    it('another bank id answers 404, not 403, so that existence does not leak', () => {
      expect(decideAccess(as('bank', 'CNCAS'), route, get({ bankId: 'BICIS' }))).toMatchObject({
        allowed: false,
        status: 404,
      });
      expect(decideAccess(as('bank', 'CNCAS'), route, get({ bankId: 'cncas' }))).toMatchObject({ status: 404 });
    });
    it('a bank-access route that forgot its bank parameter shows a bank nothing', () => {
      expect(decideAccess(as('bank', 'CNCAS'), { family: 'bank-access' }, get({ bankId: 'CNCAS' }))).toMatchObject({
        status: 404,
      });
    });
    it('guarantee officers, auditors and admins read any bank; fund managers do not; nobody writes', () => {
      expect(allowedRoles(route, get({ bankId: 'CNCAS' }))).toEqual(['admin', 'guarantee_officer', 'auditor', 'bank']);
      expect(allowedRoles(route, get({ bankId: 'BICIS' }))).toEqual(['admin', 'guarantee_officer', 'auditor']);
      expect(allowedRoles(route, post({ bankId: 'CNCAS' }))).toEqual([]);
    });
  });

  describe('on access management (/access/...)', () => {
    it('only admins', () => {
      expect(allowedRoles({ family: 'access' }, get())).toEqual(['admin']);
      expect(allowedRoles({ family: 'access' }, { method: 'DELETE', params: {} })).toEqual(['admin']);
    });
  });

  describe('explicit roles', () => {
    it('win over the family and hold for any method (an audit verify POST)', () => {
      const route: RouteAccess = { family: 'access', roles: ['auditor', 'admin'] };
      expect(allowedRoles(route, get())).toEqual(['admin', 'auditor']);
      expect(allowedRoles(route, post())).toEqual(['admin', 'auditor']);
    });
    it('may include banks, still confined to their bank id when the route is bank-scoped', () => {
      const route: RouteAccess = { roles: ['bank'], bankScope: 'bankId' };
      expect(decideAccess(as('bank', 'CNCAS'), route, get({ bankId: 'CNCAS' })).allowed).toBe(true);
      expect(decideAccess(as('bank', 'CNCAS'), route, get({ bankId: 'X' }))).toMatchObject({ status: 404 });
    });
  });

  it('a route with no access metadata: auditors and admins read, nobody writes', () => {
    expect(allowedRoles({}, get())).toEqual(['admin', 'auditor']);
    expect(allowedRoles({}, post())).toEqual([]);
  });

  it('a public route is open to all', () => {
    expect(allowedRoles({ public: true }, post())).toEqual(ROLES);
  });
});

describe('who settles a four-eyes proposal', () => {
  const settlers = (family: 'cofinancing' | 'guarantees', action: string) =>
    ROLES.filter((role) => maySettleProposal(role, family, action));

  it('the writers of its context; an admin too for a change that weakens a four-eyes policy, and only then', () => {
    expect(settlers('cofinancing', 'approve-grant')).toEqual(['fund_manager']);
    expect(settlers('guarantees', 'issue-guarantee')).toEqual(['guarantee_officer']);
    expect(settlers('cofinancing', 'set-approval-policy')).toEqual(['admin', 'fund_manager']);
    expect(settlers('guarantees', 'set-approval-policy')).toEqual(['admin', 'guarantee_officer']);
  });
});
