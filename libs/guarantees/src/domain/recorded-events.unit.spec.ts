import { Money } from '@ledger/money';
import type { EncodedEvent, JsonObject, SnapshotPolicy, StreamModel } from '@ledger/kernel';
import {
  bankLoanEvents,
  bankLoanModel,
  companyEvents,
  companyModel,
  conventionEvents,
  conventionModel,
  federationEvents,
  federationModel,
  guaranteeEvents,
  guaranteeModel,
  guaranteesCatalog,
  streamIds,
  type RegisteredCompany,
  type SignedConvention,
} from '.';

/*
 * What the log holds: recorded events, one a line (type, schema version, payload), as the encoders
 * of the guarantees context wrote them before its domain was split into one folder per aggregate
 * (commit 6edec0d), every event type of its five stream kinds, four-eyes reservations included
 * (and CompanyConventionSigned, added with issue #15, last in the company's log).
 * Never regenerate them from the current code: a payload that stops decoding here is one the
 * ledger can no longer read. The story, in XOF: the Thiès company deposits 340 000 000 and
 * 10 000 000, withdraws 1 000 000, reverses the 10 000 000 through a second person (moved to
 * Kaolack); its convention with CNCAS is signed, amended (version 2) and terminated; guarantee g-1
 * has a repayment reversed and recorded again, is called, its 4 000 000 claim paid and recovered
 * (the default cured); g-2 is repaid in full and released; the loan of g-1 was first reserved by a
 * proposal that expired.
 */
const FEDERATION = `
{"type":"guarantees.FederationRegistered","schemaVersion":1,"data":{"federationId":"fed-papes","name":"Fédération PAPES","currency":"XOF","registeredOn":"2008-01-10"}}
{"type":"guarantees.CompanyAffiliated","schemaVersion":1,"data":{"federationId":"fed-papes","companyId":"smc-thies","affiliatedOn":"2008-01-15"}}
`;

const COMPANY = `
{"type":"guarantees.CompanyRegistered","schemaVersion":1,"data":{"companyId":"smc-thies","name":"Société de caution mutuelle de Thiès","currency":"XOF","federationId":"fed-papes","registeredOn":"2008-01-15"}}
{"type":"guarantees.MemberAdmitted","schemaVersion":1,"data":{"companyId":"smc-thies","memberId":"firm-a","name":"Firm A","admittedOn":"2008-02-01"}}
{"type":"guarantees.MemberAdmitted","schemaVersion":1,"data":{"companyId":"smc-thies","memberId":"firm-b","name":"Firm B","admittedOn":"2008-02-01"}}
{"type":"guarantees.CapitalSubscribed","schemaVersion":1,"data":{"companyId":"smc-thies","memberId":"firm-a","amount":{"amountMinor":"100000","currency":"XOF"},"subscribedOn":"2008-02-01"}}
{"type":"guarantees.CapitalPaid","schemaVersion":1,"data":{"companyId":"smc-thies","memberId":"firm-a","amount":{"amountMinor":"100000","currency":"XOF"},"paidOn":"2008-02-15"}}
{"type":"guarantees.GuaranteeFundDeposited","schemaVersion":1,"data":{"companyId":"smc-thies","depositId":"dat-1","bankId":"CNCAS","amount":{"amountMinor":"340000000","currency":"XOF"},"termDepositReference":"DAT-2008-001","depositedOn":"2008-03-01","maturesOn":"2011-03-01"}}
{"type":"guarantees.GuaranteeFundDeposited","schemaVersion":1,"data":{"companyId":"smc-thies","depositId":"dat-2","bankId":"CNCAS","amount":{"amountMinor":"10000000","currency":"XOF"},"termDepositReference":"DAT-2008-002","depositedOn":"2008-03-02","maturesOn":null}}
{"type":"guarantees.GuaranteeFundWithdrawn","schemaVersion":1,"data":{"companyId":"smc-thies","depositId":"dat-1","amount":{"amountMinor":"1000000","currency":"XOF"},"withdrawnOn":"2008-03-20"}}
{"type":"guarantees.CompanyApprovalPolicySet","schemaVersion":1,"data":{"companyId":"smc-thies","issueGuaranteeAbove":{"amountMinor":"20000000","currency":"XOF"},"correctionsNeedSecondPerson":true,"proposalTtlHours":48,"setOn":"2008-03-25"}}
{"type":"guarantees.CompanyReservationMade","schemaVersion":1,"data":{"companyId":"smc-thies","proposalId":"p-1","action":"reverse-deposit","conventionId":null,"memberId":null,"depositId":"dat-2","fund":{"amountMinor":"10000000","currency":"XOF"},"fundBalance":{"amountMinor":"349000000","currency":"XOF"},"unreservedFundAfter":{"amountMinor":"339000000","currency":"XOF"}}}
{"type":"guarantees.CompanyReservationReleased","schemaVersion":1,"data":{"companyId":"smc-thies","proposalId":"p-1","action":"reverse-deposit","fund":{"amountMinor":"10000000","currency":"XOF"},"outcome":"confirmed"}}
{"type":"guarantees.GuaranteeFundDepositReversed","schemaVersion":1,"data":{"companyId":"smc-thies","depositId":"dat-2","bankId":"CNCAS","amount":{"amountMinor":"10000000","currency":"XOF"},"depositedOn":"2008-03-02","reason":"booked to the wrong company","correctedOn":"2008-03-26","correctsEventId":"0b8f4c1e-0000-4000-8000-000000000007","correctsPosition":"7","movedToCompanyId":"smc-kaolack","movedToDepositId":"dat-k-1","fundBalanceAfter":{"amountMinor":"339000000","currency":"XOF"}}}
{"type":"guarantees.MemberLoanGuaranteed","schemaVersion":1,"data":{"companyId":"smc-thies","memberId":"firm-a","guaranteeId":"g-1","conventionId":"conv-cncas","principal":{"amountMinor":"10000000","currency":"XOF"},"guaranteedAmount":{"amountMinor":"5000000","currency":"XOF"},"issuedOn":"2008-05-01"}}
{"type":"guarantees.MemberLoanGuaranteed","schemaVersion":1,"data":{"companyId":"smc-thies","memberId":"firm-a","guaranteeId":"g-2","conventionId":"conv-cncas","principal":{"amountMinor":"2000000","currency":"XOF"},"guaranteedAmount":{"amountMinor":"1000000","currency":"XOF"},"issuedOn":"2008-05-02"}}
{"type":"guarantees.MemberLoanRepaid","schemaVersion":1,"data":{"companyId":"smc-thies","memberId":"firm-a","guaranteeId":"g-2","conventionId":"conv-cncas","repaidOn":"2008-09-01"}}
{"type":"guarantees.MemberLoanDefaulted","schemaVersion":1,"data":{"companyId":"smc-thies","memberId":"firm-a","guaranteeId":"g-1","conventionId":"conv-cncas","claimAmount":{"amountMinor":"4000000","currency":"XOF"},"calledOn":"2009-06-01"}}
{"type":"guarantees.ClaimPaidFromFund","schemaVersion":1,"data":{"companyId":"smc-thies","memberId":"firm-a","guaranteeId":"g-1","conventionId":"conv-cncas","amount":{"amountMinor":"4000000","currency":"XOF"},"paidOn":"2009-06-15"}}
{"type":"guarantees.RecoveryReturnedToFund","schemaVersion":1,"data":{"companyId":"smc-thies","memberId":"firm-a","guaranteeId":"g-1","conventionId":"conv-cncas","amount":{"amountMinor":"4000000","currency":"XOF"},"receivedOn":"2009-09-01","defaultCured":true}}
{"type":"guarantees.MemberLeft","schemaVersion":1,"data":{"companyId":"smc-thies","memberId":"firm-b","leftOn":"2009-12-31"}}
{"type":"guarantees.CompanyConventionSigned","schemaVersion":1,"data":{"companyId":"smc-thies","conventionId":"conv-cncas","bankId":"CNCAS","signedOn":"2008-03-28"}}
`;

const CONVENTION = `
{"type":"guarantees.BankConventionSigned","schemaVersion":1,"data":{"conventionId":"conv-cncas","companyId":"smc-thies","bankId":"CNCAS","currency":"XOF","validFrom":"2008-04-01","signedOn":"2008-03-28","terms":{"version":1,"effectiveFrom":"2008-04-01","multiplier":"50/17","coverageRate":5000,"ceilingBasis":"loan-principal","maxGuaranteedPerLoan":{"amountMinor":"50000000","currency":"XOF"},"validUntil":"2012-12-31"}}}
{"type":"guarantees.ConventionExposureAdded","schemaVersion":1,"data":{"conventionId":"conv-cncas","companyId":"smc-thies","guaranteeId":"g-1","memberId":"firm-a","principal":{"amountMinor":"10000000","currency":"XOF"},"guaranteedAmount":{"amountMinor":"5000000","currency":"XOF"},"issuedOn":"2008-05-01"}}
{"type":"guarantees.ConventionExposureAdded","schemaVersion":1,"data":{"conventionId":"conv-cncas","companyId":"smc-thies","guaranteeId":"g-2","memberId":"firm-a","principal":{"amountMinor":"2000000","currency":"XOF"},"guaranteedAmount":{"amountMinor":"1000000","currency":"XOF"},"issuedOn":"2008-05-02"}}
{"type":"guarantees.ConventionExposureReduced","schemaVersion":1,"data":{"conventionId":"conv-cncas","companyId":"smc-thies","guaranteeId":"g-1","reason":"repayment","principal":{"amountMinor":"2000000","currency":"XOF"},"guaranteed":{"amountMinor":"1000000","currency":"XOF"},"on":"2008-08-01"}}
{"type":"guarantees.ConventionExposureReserved","schemaVersion":1,"data":{"conventionId":"conv-cncas","companyId":"smc-thies","proposalId":"p-2","action":"reverse-repayment","guaranteeId":"g-1","principal":{"amountMinor":"2000000","currency":"XOF"},"guaranteed":{"amountMinor":"1000000","currency":"XOF"},"headroomBefore":{"amountMinor":"990000000","currency":"XOF"},"headroomAfter":{"amountMinor":"988000000","currency":"XOF"}}}
{"type":"guarantees.ConventionReservationReleased","schemaVersion":1,"data":{"conventionId":"conv-cncas","companyId":"smc-thies","proposalId":"p-2","principal":{"amountMinor":"2000000","currency":"XOF"},"guaranteed":{"amountMinor":"1000000","currency":"XOF"},"outcome":"declined"}}
{"type":"guarantees.ConventionExposureRestored","schemaVersion":1,"data":{"conventionId":"conv-cncas","companyId":"smc-thies","guaranteeId":"g-1","reason":"repayment-reversed","principal":{"amountMinor":"2000000","currency":"XOF"},"guaranteed":{"amountMinor":"1000000","currency":"XOF"},"on":"2008-08-01"}}
{"type":"guarantees.ConventionExposureReduced","schemaVersion":1,"data":{"conventionId":"conv-cncas","companyId":"smc-thies","guaranteeId":"g-1","reason":"repayment","principal":{"amountMinor":"2000000","currency":"XOF"},"guaranteed":{"amountMinor":"1000000","currency":"XOF"},"on":"2008-08-06"}}
{"type":"guarantees.ConventionExposureReduced","schemaVersion":1,"data":{"conventionId":"conv-cncas","companyId":"smc-thies","guaranteeId":"g-2","reason":"final-repayment","principal":{"amountMinor":"2000000","currency":"XOF"},"guaranteed":{"amountMinor":"1000000","currency":"XOF"},"on":"2008-09-01"}}
{"type":"guarantees.BankConventionAmended","schemaVersion":1,"data":{"conventionId":"conv-cncas","companyId":"smc-thies","amendedOn":"2008-12-15","terms":{"version":2,"effectiveFrom":"2009-01-01","multiplier":"3/1","coverageRate":5000,"ceilingBasis":"guaranteed-amount","maxGuaranteedPerLoan":null,"validUntil":"2013-12-31"}}}
{"type":"guarantees.ConventionExposureReduced","schemaVersion":1,"data":{"conventionId":"conv-cncas","companyId":"smc-thies","guaranteeId":"g-1","reason":"call","principal":{"amountMinor":"8000000","currency":"XOF"},"guaranteed":{"amountMinor":"4000000","currency":"XOF"},"on":"2009-06-01"}}
{"type":"guarantees.BankConventionTerminated","schemaVersion":1,"data":{"conventionId":"conv-cncas","companyId":"smc-thies","terminatedOn":"2013-01-31","reason":"not renewed"}}
`;

/** g-1: called, paid and recovered. */
const CALLED_GUARANTEE = `
{"type":"guarantees.GuaranteeIssued","schemaVersion":1,"data":{"guaranteeId":"g-1","companyId":"smc-thies","conventionId":"conv-cncas","bankId":"CNCAS","memberId":"firm-a","loanReference":"CNCAS/2008/0001","principal":{"amountMinor":"10000000","currency":"XOF"},"coverageRate":5000,"guaranteedAmount":{"amountMinor":"5000000","currency":"XOF"},"termsVersion":1,"loanStartDate":"2008-05-01","maturityDate":"2011-05-01","issuedOn":"2008-05-01"}}
{"type":"guarantees.LoanRepaymentRecorded","schemaVersion":1,"data":{"guaranteeId":"g-1","amount":{"amountMinor":"2000000","currency":"XOF"},"outstandingPrincipal":{"amountMinor":"8000000","currency":"XOF"},"guaranteedOutstanding":{"amountMinor":"4000000","currency":"XOF"},"repaidOn":"2008-08-01"}}
{"type":"guarantees.RepaymentReversalProposed","schemaVersion":1,"data":{"guaranteeId":"g-1","proposalId":"p-2","repaymentEventId":"0b8f4c1e-0000-4000-8000-000000000021"}}
{"type":"guarantees.RepaymentReversalProposalSettled","schemaVersion":1,"data":{"guaranteeId":"g-1","proposalId":"p-2","repaymentEventId":"0b8f4c1e-0000-4000-8000-000000000021","outcome":"declined"}}
{"type":"guarantees.LoanRepaymentReversed","schemaVersion":1,"data":{"guaranteeId":"g-1","amount":{"amountMinor":"2000000","currency":"XOF"},"repaidOn":"2008-08-01","reason":"recorded on the wrong loan","correctedOn":"2008-08-05","correctsEventId":"0b8f4c1e-0000-4000-8000-000000000021","correctsPosition":"21","outstandingPrincipal":{"amountMinor":"10000000","currency":"XOF"},"guaranteedOutstanding":{"amountMinor":"5000000","currency":"XOF"}}}
{"type":"guarantees.LoanRepaymentRecorded","schemaVersion":1,"data":{"guaranteeId":"g-1","amount":{"amountMinor":"2000000","currency":"XOF"},"outstandingPrincipal":{"amountMinor":"8000000","currency":"XOF"},"guaranteedOutstanding":{"amountMinor":"4000000","currency":"XOF"},"repaidOn":"2008-08-06"}}
{"type":"guarantees.GuaranteeCalled","schemaVersion":1,"data":{"guaranteeId":"g-1","outstandingAtDefault":{"amountMinor":"8000000","currency":"XOF"},"claimAmount":{"amountMinor":"4000000","currency":"XOF"},"calledOn":"2009-06-01"}}
{"type":"guarantees.GuaranteeClaimPaid","schemaVersion":1,"data":{"guaranteeId":"g-1","amount":{"amountMinor":"4000000","currency":"XOF"},"paidOn":"2009-06-15"}}
{"type":"guarantees.GuaranteeRecoveryRecorded","schemaVersion":1,"data":{"guaranteeId":"g-1","amount":{"amountMinor":"4000000","currency":"XOF"},"receivedOn":"2009-09-01"}}
`;

/** g-2: repaid in full. */
const RELEASED_GUARANTEE = `
{"type":"guarantees.GuaranteeIssued","schemaVersion":1,"data":{"guaranteeId":"g-2","companyId":"smc-thies","conventionId":"conv-cncas","bankId":"CNCAS","memberId":"firm-a","loanReference":"CNCAS/2008/0002","principal":{"amountMinor":"2000000","currency":"XOF"},"coverageRate":5000,"guaranteedAmount":{"amountMinor":"1000000","currency":"XOF"},"termsVersion":1,"loanStartDate":"2008-05-02","maturityDate":"2009-05-02","issuedOn":"2008-05-02"}}
{"type":"guarantees.LoanRepaymentRecorded","schemaVersion":1,"data":{"guaranteeId":"g-2","amount":{"amountMinor":"2000000","currency":"XOF"},"outstandingPrincipal":{"amountMinor":"0","currency":"XOF"},"guaranteedOutstanding":{"amountMinor":"0","currency":"XOF"},"repaidOn":"2008-09-01"}}
{"type":"guarantees.GuaranteeReleased","schemaVersion":1,"data":{"guaranteeId":"g-2","releasedOn":"2008-09-01"}}
`;

const BANK_LOAN = `
{"type":"guarantees.BankLoanReserved","schemaVersion":1,"data":{"bankId":"CNCAS","loanReference":"CNCAS/2008/0001","proposalId":"p-0","conventionId":"conv-cncas"}}
{"type":"guarantees.BankLoanReservationReleased","schemaVersion":1,"data":{"bankId":"CNCAS","loanReference":"CNCAS/2008/0001","proposalId":"p-0","outcome":"expired"}}
{"type":"guarantees.BankLoanGuaranteed","schemaVersion":1,"data":{"bankId":"CNCAS","loanReference":"CNCAS/2008/0001","guaranteeId":"g-1","conventionId":"conv-cncas"}}
`;

/** The company after its first 10 events (a deposit reversal pending), as snapshot version 3 wrote it. */
const COMPANY_SNAPSHOT_V4 = `{"status":"registered","companyId":"smc-thies","name":"Société de caution mutuelle de Thiès","currency":"XOF","federationId":"fed-papes","registeredOn":"2008-01-15","fundBalance":"349000000","fundByDate":[["2008-03-01","340000000"],["2008-03-02","10000000"],["2008-03-20","-1000000"]],"conventionIds":[],"members":[{"memberId":"firm-a","name":"Firm A","status":"active","admittedOn":"2008-02-01","leftOn":null,"firstSubscribedOn":"2008-02-01","capitalSubscribed":"100000","capitalPaid":"100000","guaranteesInForce":[],"defaults":[]},{"memberId":"firm-b","name":"Firm B","status":"active","admittedOn":"2008-02-01","leftOn":null,"firstSubscribedOn":null,"capitalSubscribed":"0","capitalPaid":"0","guaranteesInForce":[],"defaults":[]}],"deposits":[{"depositId":"dat-1","bankId":"CNCAS","amount":"340000000","withdrawn":"1000000","termDepositReference":"DAT-2008-001","depositedOn":"2008-03-01","maturesOn":"2011-03-01","reversedOn":null},{"depositId":"dat-2","bankId":"CNCAS","amount":"10000000","withdrawn":"0","termDepositReference":"DAT-2008-002","depositedOn":"2008-03-02","maturesOn":null,"reversedOn":null}],"approvalPolicy":{"issueGuaranteeAbove":"20000000","correctionsNeedSecondPerson":true,"proposalTtlHours":48},"reservations":[{"proposalId":"p-1","action":"reverse-deposit","conventionId":null,"memberId":null,"depositId":"dat-2","fund":"10000000"}]}`;

/** The convention after its first 5 events (a repayment reversal holding headroom), as snapshot version 2 wrote it. */
const CONVENTION_SNAPSHOT_V3 = `{"status":"in-force","terminatedOn":null,"conventionId":"conv-cncas","companyId":"smc-thies","bankId":"CNCAS","currency":"XOF","validFrom":"2008-04-01","signedOn":"2008-03-28","terms":[{"version":1,"effectiveFrom":"2008-04-01","multiplier":"50/17","coverageRate":5000,"ceilingBasis":"loan-principal","maxGuaranteedPerLoan":"50000000","validUntil":"2012-12-31"}],"outstandingPrincipal":"10000000","guaranteedOutstanding":"5000000","guaranteesInForce":2,"exposureByDate":[["2008-05-01","10000000","5000000"],["2008-05-02","2000000","1000000"],["2008-08-01","-2000000","-1000000"]],"reservations":[{"proposalId":"p-2","principal":"2000000","guaranteed":"1000000"}]}`;

const payloads = (log: string): EncodedEvent[] =>
  log
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as EncodedEvent);

/** Decodes with the stream's own catalog and folds from the initial state, as loading the stream does. */
function load<S, E extends { readonly type: string }>(model: StreamModel<S, E>, log: string, count?: number): S {
  return payloads(log)
    .slice(0, count)
    .reduce((state, payload) => model.evolve(state, model.catalog.decode(payload)), model.initialState());
}

const xof = (amount: number) => Money.ofMinor(BigInt(amount), 'XOF');

const logs = {
  federation: [FEDERATION],
  company: [COMPANY],
  convention: [CONVENTION],
  guarantee: [CALLED_GUARANTEE, RELEASED_GUARANTEE],
  'bank loan': [BANK_LOAN],
};

describe('recorded guarantees events', () => {
  const all = Object.values(logs).flat().flatMap(payloads);

  it('have a payload of every event type of the context', () => {
    const types = [federationEvents, companyEvents, conventionEvents, guaranteeEvents, bankLoanEvents].flatMap(
      (definitions) => definitions.map((definition) => definition.type),
    );
    expect([...new Set(all.map((payload) => payload.type))].sort()).toEqual([...types].sort());
  });

  it('decode through the catalog the projections read, and encode back to the same payload', () => {
    for (const payload of all) {
      expect(guaranteesCatalog.encode(guaranteesCatalog.decode(payload))).toEqual(payload);
    }
  });

  it.each([
    ['federation', federationModel.catalog],
    ['company', companyModel.catalog],
    ['convention', conventionModel.catalog],
    ['guarantee', guaranteeModel.catalog],
    ['bank loan', bankLoanModel.catalog],
  ] as const)('of the %s stream decode through its stream model', (name, catalog) => {
    for (const payload of logs[name].flatMap(payloads)) {
      expect(catalog.has(payload.type)).toBe(true);
      expect(() => catalog.decode(payload)).not.toThrow();
    }
  });

  it('are read from the streams the log names', () => {
    expect([
      streamIds.federation('fed-papes'),
      streamIds.company('smc-thies'),
      streamIds.convention('conv-cncas'),
      streamIds.guarantee('g-1'),
      streamIds.bankLoan('CNCAS', 'CNCAS/2008/0001'),
      streamIds.proposal('p-1'),
    ]).toEqual([
      'guarantees.federation-fed-papes',
      'guarantees.company-smc-thies',
      'guarantees.convention-conv-cncas',
      'guarantees.guarantee-g-1',
      'guarantees.bank-loan-CNCAS/CNCAS/2008/0001',
      'guarantees-proposal-p-1',
    ]);
  });

  it('fold the federation: one company affiliated', () => {
    expect(load(federationModel, FEDERATION)).toEqual({
      status: 'registered',
      federationId: 'fed-papes',
      name: 'Fédération PAPES',
      currency: 'XOF',
      companies: ['smc-thies'],
    });
  });

  it('fold the company: the fund after the withdrawal, the reversal and the claim recovered; the default cured', () => {
    const company = load(companyModel, COMPANY) as RegisteredCompany;
    expect(company.fundBalance).toEqual(xof(339_000_000));
    expect(company.deposits.get('dat-1')).toMatchObject({ withdrawn: xof(1_000_000), reversedOn: null });
    expect(company.deposits.get('dat-2')).toMatchObject({ amount: xof(10_000_000), reversedOn: '2008-03-26' });
    expect(company.members.get('firm-a')).toMatchObject({
      status: 'active',
      capitalPaid: xof(100_000),
      guaranteesInForce: [],
      defaults: [],
    });
    expect(company.members.get('firm-b')).toMatchObject({ status: 'left', leftOn: '2009-12-31' });
    expect(company.approvalPolicy).toEqual({
      issueGuaranteeAbove: xof(20_000_000),
      correctionsNeedSecondPerson: true,
      proposalTtlHours: 48,
    });
    expect(company.reservations).toEqual({});
  });

  it('fold the convention: two versions of its terms, nothing outstanding, terminated', () => {
    const convention = load(conventionModel, CONVENTION) as SignedConvention;
    expect(convention).toMatchObject({ status: 'terminated', terminatedOn: '2013-01-31', guaranteesInForce: 0 });
    expect(convention.terms.map((terms) => [terms.version, terms.multiplier.toString(), terms.ceilingBasis])).toEqual([
      [1, '50/17', 'loan-principal'],
      [2, '3/1', 'guaranteed-amount'],
    ]);
    expect([convention.outstandingPrincipal, convention.guaranteedOutstanding]).toEqual([xof(0), xof(0)]);
    expect(convention.reservations).toEqual({});
  });

  it('fold the guarantees: one called, paid and recovered; one released', () => {
    expect(load(guaranteeModel, CALLED_GUARANTEE)).toMatchObject({
      status: 'called',
      outstandingAtDefault: xof(8_000_000),
      claim: xof(4_000_000),
      claimPaid: xof(4_000_000),
      recovered: xof(4_000_000),
    });
    expect(load(guaranteeModel, RELEASED_GUARANTEE)).toMatchObject({
      status: 'released',
      releasedOn: '2008-09-01',
    });
  });

  it('fold the bank loan: guaranteed once its reservation expired', () => {
    expect(load(bankLoanModel, BANK_LOAN)).toEqual({ status: 'guaranteed', guaranteeId: 'g-1' });
  });

  it.each([
    ['company', companyModel.snapshot, COMPANY_SNAPSHOT_V4, load(companyModel, COMPANY, 10), 4],
    ['convention', conventionModel.snapshot, CONVENTION_SNAPSHOT_V3, load(conventionModel, CONVENTION, 5), 3],
  ] as const)(
    'keep the %s snapshot readable: it decodes to the state its events fold to',
    (_, policy, json, state, version) => {
      const snapshot = policy as SnapshotPolicy<unknown>;
      expect(snapshot.version).toBe(version);
      expect(snapshot.decode(JSON.parse(json) as JsonObject)).toEqual(state);
      expect(snapshot.encode(state)).toEqual(JSON.parse(json));
    },
  );
});
