import { Money } from '@ledger/money';
import type { EncodedEvent, JsonObject, StreamModel } from '@ledger/kernel';
import {
  availableOf,
  beneficiaryDefinitions,
  beneficiaryFourEyesDefinitions,
  beneficiaryModel,
  cofinancingCatalog,
  fundDefinitions,
  fundFourEyesDefinitions,
  fundModel,
  grantDefinitions,
  grantFourEyesDefinitions,
  grantModel,
  type BeneficiaryState,
  type FundState,
  type GrantState,
} from '.';

/*
 * What the log holds, one recorded event a line (type, schema version, payload), as the encoders
 * committed before the domain was split into one folder per aggregate (6edec0d) write them: every
 * event type of the three streams, the four-eyes reservations included. Never regenerate these from
 * the current code: a payload that stops decoding here is a payload the ledger can no longer read.
 * Figures: a 120 000 MAD request at 75 % (subsidy 90 000), approved through a second person, one
 * invoice corrected (40 000 → 36 000, paid 27 000), a declined disbursement proposal, then closed.
 */
const FUND_STREAM = `
{"type":"cofinancing.FundCreated","schemaVersion":1,"data":{"fundId":"fund-maroc-consortia","name":"Fonds d'appui aux consortiums d'exportation","currency":"MAD","createdOn":"2021-01-01"}}
{"type":"cofinancing.DonorRegistered","schemaVersion":1,"data":{"fundId":"fund-maroc-consortia","donorId":"donor-state","name":"Ministère du commerce extérieur","registeredOn":"2021-01-01"}}
{"type":"cofinancing.ContributionRecorded","schemaVersion":1,"data":{"fundId":"fund-maroc-consortia","contributionId":"contribution-1","donorId":"donor-state","amount":{"amountMinor":"1000000000","currency":"MAD"},"receivedOn":"2021-01-10","reference":"CONV-2021-01"}}
{"type":"cofinancing.WindowOpened","schemaVersion":1,"data":{"fundId":"fund-maroc-consortia","windowId":"window-promotion","name":"Promotion costs","supportKind":"consortium-promotion","openedOn":"2021-01-01","schedule":{"version":1,"effectiveFrom":"2021-01-01","years":[{"rate":7500,"cap":{"amountMinor":"20000000","currency":"MAD"}},{"rate":6000,"cap":{"amountMinor":"20000000","currency":"MAD"}}],"afterLastYear":{"rule":"ineligible","rate":null,"cap":null}}}}
{"type":"cofinancing.WindowScheduleAmended","schemaVersion":1,"data":{"fundId":"fund-maroc-consortia","windowId":"window-promotion","amendedOn":"2022-12-15","schedule":{"version":2,"effectiveFrom":"2023-01-01","years":[{"rate":7500,"cap":{"amountMinor":"20000000","currency":"MAD"}},{"rate":6000,"cap":{"amountMinor":"20000000","currency":"MAD"}}],"afterLastYear":{"rule":"floor-rate","rate":4000,"cap":{"amountMinor":"15000000","currency":"MAD"}}}}}
{"type":"cofinancing.FundApprovalPolicySet","schemaVersion":1,"data":{"fundId":"fund-maroc-consortia","approveGrantAbove":{"amountMinor":"5000000","currency":"MAD"},"disburseAbove":{"amountMinor":"2000000","currency":"MAD"},"correctionsNeedSecondPerson":true,"proposalTtlHours":72,"setOn":"2021-02-01"}}
{"type":"cofinancing.FundsReserved","schemaVersion":1,"data":{"fundId":"fund-maroc-consortia","proposalId":"proposal-1","grantId":"grant-1","amount":{"amountMinor":"9000000","currency":"MAD"},"availableBefore":{"amountMinor":"1000000000","currency":"MAD"},"availableAfter":{"amountMinor":"991000000","currency":"MAD"}}}
{"type":"cofinancing.FundReservationReleased","schemaVersion":1,"data":{"fundId":"fund-maroc-consortia","proposalId":"proposal-1","grantId":"grant-1","amount":{"amountMinor":"9000000","currency":"MAD"},"outcome":"confirmed"}}
{"type":"cofinancing.FundsCommitted","schemaVersion":1,"data":{"fundId":"fund-maroc-consortia","grantId":"grant-1","windowId":"window-promotion","beneficiaryId":"consortium-fonoon","participationYear":1,"amount":{"amountMinor":"9000000","currency":"MAD"},"committedOn":"2021-04-20","availableBefore":{"amountMinor":"1000000000","currency":"MAD"},"availableAfter":{"amountMinor":"991000000","currency":"MAD"}}}
{"type":"cofinancing.CommitmentReleased","schemaVersion":1,"data":{"fundId":"fund-maroc-consortia","grantId":"grant-1","windowId":"window-promotion","beneficiaryId":"consortium-fonoon","participationYear":1,"amount":{"amountMinor":"6300000","currency":"MAD"},"reason":"closed","releasedOn":"2021-09-30"}}
`;
const BENEFICIARY_STREAM = `
{"type":"cofinancing.BeneficiaryEnrolled","schemaVersion":1,"data":{"beneficiaryId":"consortium-fonoon","name":"Consortium Fonoon Vitargan","kind":"export-consortium","enrolledOn":"2021-03-15","memberFirms":[{"firmId":"firm-1","name":"Coopérative Tifawin","womenOwned":true},{"firmId":"firm-2","name":"Atlas Argan","womenOwned":false},{"firmId":"firm-3","name":"Souss Cosmétiques","womenOwned":null}]}}
{"type":"cofinancing.MemberFirmAdded","schemaVersion":1,"data":{"beneficiaryId":"consortium-fonoon","firmId":"firm-4","name":"Argan Tiznit","womenOwned":true,"joinedOn":"2021-03-20"}}
{"type":"cofinancing.CapReserved","schemaVersion":1,"data":{"beneficiaryId":"consortium-fonoon","proposalId":"proposal-1","grantId":"grant-1","fundId":"fund-maroc-consortia","windowId":"window-promotion","participationYear":1,"amount":{"amountMinor":"9000000","currency":"MAD"}}}
{"type":"cofinancing.CapReservationReleased","schemaVersion":1,"data":{"beneficiaryId":"consortium-fonoon","proposalId":"proposal-1","grantId":"grant-1","windowId":"window-promotion","participationYear":1,"amount":{"amountMinor":"9000000","currency":"MAD"},"outcome":"confirmed"}}
{"type":"cofinancing.CapAllocated","schemaVersion":1,"data":{"beneficiaryId":"consortium-fonoon","grantId":"grant-1","fundId":"fund-maroc-consortia","windowId":"window-promotion","participationYear":1,"amount":{"amountMinor":"9000000","currency":"MAD"},"cap":{"amountMinor":"20000000","currency":"MAD"},"usedAfter":{"amountMinor":"9000000","currency":"MAD"}}}
{"type":"cofinancing.CapReleased","schemaVersion":1,"data":{"beneficiaryId":"consortium-fonoon","grantId":"grant-1","fundId":"fund-maroc-consortia","windowId":"window-promotion","participationYear":1,"amount":{"amountMinor":"6300000","currency":"MAD"}}}
`;
/** Closed after a correction; rejected; cancelled before approval. */
const GRANT_STREAMS = [
  `
{"type":"cofinancing.GrantRequested","schemaVersion":1,"data":{"grantId":"grant-1","fundId":"fund-maroc-consortia","windowId":"window-promotion","beneficiaryId":"consortium-fonoon","serviceProvider":"Maroc Export","description":"Participation in a trade fair","eligibleCost":{"amountMinor":"12000000","currency":"MAD"},"requestedOn":"2021-04-01","participationYear":1}}
{"type":"cofinancing.GrantApprovalProposed","schemaVersion":1,"data":{"grantId":"grant-1","proposalId":"proposal-1"}}
{"type":"cofinancing.GrantApprovalProposalSettled","schemaVersion":1,"data":{"grantId":"grant-1","proposalId":"proposal-1","outcome":"confirmed"}}
{"type":"cofinancing.GrantApproved","schemaVersion":1,"data":{"grantId":"grant-1","fundId":"fund-maroc-consortia","windowId":"window-promotion","beneficiaryId":"consortium-fonoon","participationYear":1,"approvedOn":"2021-04-20","eligibleCost":{"amountMinor":"12000000","currency":"MAD"},"subsidy":{"amountMinor":"9000000","currency":"MAD"},"ownShare":{"amountMinor":"3000000","currency":"MAD"},"rate":7500,"scheduleVersion":1,"computation":{"yearRule":"schedule-year","rateSubsidy":{"amountMinor":"9000000","currency":"MAD"},"cap":{"amountMinor":"20000000","currency":"MAD"},"capUsedBefore":{"amountMinor":"0","currency":"MAD"},"capLeft":{"amountMinor":"20000000","currency":"MAD"},"limitedBy":"rate","fundAvailableBefore":{"amountMinor":"1000000000","currency":"MAD"}}}}
{"type":"cofinancing.GrantDisbursed","schemaVersion":1,"data":{"grantId":"grant-1","fundId":"fund-maroc-consortia","windowId":"window-promotion","beneficiaryId":"consortium-fonoon","participationYear":1,"disbursementId":"disbursement-1","invoiceReference":"INV-2021-001","invoiceDate":"2021-05-02","invoiceAmount":{"amountMinor":"4000000","currency":"MAD"},"paid":{"amountMinor":"3000000","currency":"MAD"},"rule":"effective-rate","disbursedOn":"2021-05-10","invoicedTotal":{"amountMinor":"4000000","currency":"MAD"},"disbursedTotal":{"amountMinor":"3000000","currency":"MAD"},"commitmentLeft":{"amountMinor":"6000000","currency":"MAD"}}}
{"type":"cofinancing.DisbursementReversed","schemaVersion":1,"data":{"grantId":"grant-1","fundId":"fund-maroc-consortia","windowId":"window-promotion","beneficiaryId":"consortium-fonoon","participationYear":1,"disbursementId":"disbursement-1","invoiceReference":"INV-2021-001","invoiceAmount":{"amountMinor":"4000000","currency":"MAD"},"paid":{"amountMinor":"3000000","currency":"MAD"},"disbursedOn":"2021-05-10","reason":"invoice amount mistyped","correctedOn":"2021-05-12","correctsEventId":"0b8f3c1e-5d2a-4c7e-9f10-3a6b2d4e8c01","correctsPosition":"4711","replacedBy":"disbursement-2","invoicedTotal":{"amountMinor":"0","currency":"MAD"},"disbursedTotal":{"amountMinor":"0","currency":"MAD"},"commitmentLeft":{"amountMinor":"9000000","currency":"MAD"}}}
{"type":"cofinancing.GrantDisbursed","schemaVersion":1,"data":{"grantId":"grant-1","fundId":"fund-maroc-consortia","windowId":"window-promotion","beneficiaryId":"consortium-fonoon","participationYear":1,"disbursementId":"disbursement-2","invoiceReference":"INV-2021-001","invoiceDate":"2021-05-02","invoiceAmount":{"amountMinor":"3600000","currency":"MAD"},"paid":{"amountMinor":"2700000","currency":"MAD"},"rule":"effective-rate","disbursedOn":"2021-05-10","invoicedTotal":{"amountMinor":"3600000","currency":"MAD"},"disbursedTotal":{"amountMinor":"2700000","currency":"MAD"},"commitmentLeft":{"amountMinor":"6300000","currency":"MAD"}}}
{"type":"cofinancing.GrantCommitmentReserved","schemaVersion":1,"data":{"grantId":"grant-1","proposalId":"proposal-2","action":"disburse-grant","amount":{"amountMinor":"2400000","currency":"MAD"},"invoiceReference":"INV-2021-002","disbursementId":"disbursement-3","reverses":null}}
{"type":"cofinancing.GrantCommitmentReservationReleased","schemaVersion":1,"data":{"grantId":"grant-1","proposalId":"proposal-2","amount":{"amountMinor":"2400000","currency":"MAD"},"outcome":"declined"}}
{"type":"cofinancing.GrantClosed","schemaVersion":1,"data":{"grantId":"grant-1","fundId":"fund-maroc-consortia","windowId":"window-promotion","beneficiaryId":"consortium-fonoon","participationYear":1,"closedOn":"2021-09-30","committed":{"amountMinor":"9000000","currency":"MAD"},"disbursed":{"amountMinor":"2700000","currency":"MAD"},"released":{"amountMinor":"6300000","currency":"MAD"}}}
`,
  `
{"type":"cofinancing.GrantRequested","schemaVersion":1,"data":{"grantId":"grant-2","fundId":"fund-maroc-consortia","windowId":"window-promotion","beneficiaryId":"consortium-fonoon","serviceProvider":"Atlas Conseil","description":"Export diagnostic","eligibleCost":{"amountMinor":"5000000","currency":"MAD"},"requestedOn":"2021-05-01","participationYear":1}}
{"type":"cofinancing.GrantRejected","schemaVersion":1,"data":{"grantId":"grant-2","fundId":"fund-maroc-consortia","windowId":"window-promotion","beneficiaryId":"consortium-fonoon","rejectedOn":"2021-05-15","reason":"outside the window"}}
`,
  `
{"type":"cofinancing.GrantRequested","schemaVersion":1,"data":{"grantId":"grant-3","fundId":"fund-maroc-consortia","windowId":"window-promotion","beneficiaryId":"consortium-fonoon","serviceProvider":"Maroc Export","description":"Catalogue","eligibleCost":{"amountMinor":"3000000","currency":"MAD"},"requestedOn":"2022-04-01","participationYear":2}}
{"type":"cofinancing.GrantCancelled","schemaVersion":1,"data":{"grantId":"grant-3","fundId":"fund-maroc-consortia","windowId":"window-promotion","beneficiaryId":"consortium-fonoon","participationYear":2,"cancelledOn":"2022-04-10","reason":"withdrawn by the consortium","wasApproved":false,"eligibleCost":{"amountMinor":"3000000","currency":"MAD"},"released":{"amountMinor":"0","currency":"MAD"}}}
`,
];
/**
 * Snapshots of the fund (version 3: with its dates and availability timeline; version-2 fund
 * snapshots are not read, the state is folded from the events) and the beneficiary (version 2)
 * above, as the snapshot codecs wrote them.
 */
const FUND_SNAPSHOT = `{"status":"open","fund":{"fundId":"fund-maroc-consortia","name":"Fonds d'appui aux consortiums d'exportation","currency":"MAD","createdOn":"2021-01-01","contributed":{"amountMinor":"1000000000","currency":"MAD"},"committed":{"amountMinor":"2700000","currency":"MAD"},"approvalPolicy":{"approveGrantAbove":{"amountMinor":"5000000","currency":"MAD"},"disburseAbove":{"amountMinor":"2000000","currency":"MAD"},"correctionsNeedSecondPerson":true,"proposalTtlHours":72},"reservations":[],"donors":[{"donorId":"donor-state","name":"Ministère du commerce extérieur","registeredOn":"2021-01-01"}],"windows":[{"windowId":"window-promotion","name":"Promotion costs","supportKind":"consortium-promotion","openedOn":"2021-01-01","schedules":[{"version":1,"effectiveFrom":"2021-01-01","years":[{"rate":7500,"cap":{"amountMinor":"20000000","currency":"MAD"}},{"rate":6000,"cap":{"amountMinor":"20000000","currency":"MAD"}}],"afterLastYear":{"rule":"ineligible","rate":null,"cap":null}},{"version":2,"effectiveFrom":"2023-01-01","years":[{"rate":7500,"cap":{"amountMinor":"20000000","currency":"MAD"}},{"rate":6000,"cap":{"amountMinor":"20000000","currency":"MAD"}}],"afterLastYear":{"rule":"floor-rate","rate":4000,"cap":{"amountMinor":"15000000","currency":"MAD"}}}]}],"availability":[{"on":"2021-01-10","deltaMinor":"1000000000"},{"on":"2021-04-20","deltaMinor":"-9000000"},{"on":"2021-09-30","deltaMinor":"6300000"}]}}`;
const BENEFICIARY_SNAPSHOT = `{"status":"enrolled","beneficiary":{"beneficiaryId":"consortium-fonoon","name":"Consortium Fonoon Vitargan","kind":"export-consortium","enrolledOn":"2021-03-15","memberFirms":[{"firmId":"firm-1","name":"Coopérative Tifawin","womenOwned":true},{"firmId":"firm-2","name":"Atlas Argan","womenOwned":false},{"firmId":"firm-3","name":"Souss Cosmétiques","womenOwned":null},{"firmId":"firm-4","name":"Argan Tiznit","womenOwned":true}],"capUsed":[{"key":"window-promotion#1","used":{"amountMinor":"2700000","currency":"MAD"}}],"capReserved":[]}}`;

const lines = (log: string): string[] => log.trim().split('\n');

function replay<S, E extends { readonly type: string }>(model: StreamModel<S, E>, log: string): S {
  return lines(log)
    .map((line) => model.catalog.decode(JSON.parse(line) as EncodedEvent))
    .reduce(model.evolve, model.initialState());
}

const mad = (major: number) => Money.ofMinor(BigInt(major) * 100n, 'MAD');

/** Every type the stream's model reads is there; each payload decodes, and encodes again to the same fields. */
function recordedStream<S, E extends { readonly type: string }>(
  name: string,
  model: StreamModel<S, E>,
  logs: readonly string[],
  definitions: readonly { readonly type: string }[],
): void {
  describe(`the ${name} stream`, () => {
    const recorded = logs.flatMap(lines);

    it('has a recorded payload of every event type its model reads', () => {
      const types = new Set(recorded.map((line) => (JSON.parse(line) as EncodedEvent).type));
      expect([...types].sort()).toEqual(definitions.map((definition) => definition.type).sort());
    });

    // The same field names and values; the order of the keys is the store's business.
    it('decodes each payload, and encodes it again to the same fields and values', () => {
      for (const line of recorded) {
        const stored = JSON.parse(line) as EncodedEvent;
        expect(model.catalog.encode(model.catalog.decode(stored))).toEqual(stored);
      }
    });

    it("decodes the context's own events alike through the catalog the projections read", () => {
      for (const line of recorded) {
        const stored = JSON.parse(line) as EncodedEvent;
        if (!cofinancingCatalog.has(stored.type)) continue;
        expect(cofinancingCatalog.encode(cofinancingCatalog.decode(stored))).toEqual(stored);
      }
    });
  });
}

/** The snapshot decodes, encodes again to the same fields, and is what the recorded events fold to. */
function expectSnapshot<S, E extends { readonly type: string }>(
  model: StreamModel<S, E>,
  log: string,
  snapshot: string,
) {
  const policy = model.snapshot!;
  const stored = JSON.parse(snapshot) as JsonObject;
  expect(policy.encode(policy.decode(stored))).toEqual(stored);
  expect(policy.encode(replay(model, log))).toEqual(stored);
}

describe('recorded co-financing events', () => {
  recordedStream('fund', fundModel, [FUND_STREAM], [...fundDefinitions, ...fundFourEyesDefinitions]);
  recordedStream(
    'beneficiary',
    beneficiaryModel,
    [BENEFICIARY_STREAM],
    [...beneficiaryDefinitions, ...beneficiaryFourEyesDefinitions],
  );
  recordedStream('grant', grantModel, GRANT_STREAMS, [...grantDefinitions, ...grantFourEyesDefinitions]);

  it('folds the fund: contributed, committed after the release, two schedule versions, the policy', () => {
    const fund = replay(fundModel, FUND_STREAM) as Extract<FundState, { status: 'open' }>;
    expect(fund.status).toBe('open');
    expect(fund.contributed.equals(mad(10_000_000))).toBe(true);
    expect(fund.committed.equals(mad(27_000))).toBe(true);
    expect(availableOf(fund).equals(mad(9_973_000))).toBe(true);
    expect(Object.keys(fund.donors)).toEqual(['donor-state']);
    expect(fund.windows['window-promotion'].schedules.map((schedule) => schedule.version)).toEqual([1, 2]);
    expect(fund.approvalPolicy?.approveGrantAbove?.equals(mad(50_000))).toBe(true);
    expect(fund.reservations).toEqual({});
  });

  it('folds the beneficiary: four member firms, the year-1 cap used by what was paid', () => {
    const beneficiary = replay(beneficiaryModel, BENEFICIARY_STREAM) as Extract<
      BeneficiaryState,
      { status: 'enrolled' }
    >;
    expect(Object.keys(beneficiary.memberFirms)).toEqual(['firm-1', 'firm-2', 'firm-3', 'firm-4']);
    expect(beneficiary.memberFirms['firm-3'].womenOwned).toBeNull();
    expect(beneficiary.capUsed['window-promotion#1'].equals(mad(27_000))).toBe(true);
    expect(beneficiary.capReserved).toEqual({});
  });

  it('folds the grants: closed with 27 000 paid and 63 000 released; rejected; cancelled', () => {
    const [closed, rejected, cancelled] = GRANT_STREAMS.map((log) => replay(grantModel, log));
    expect(closed).toMatchObject({ status: 'closed', request: { participationYear: 1 } });
    const figures = closed as Extract<GrantState, { status: 'closed' }>;
    expect([figures.approval.subsidy, figures.invoiced, figures.disbursed, figures.released]).toEqual([
      mad(90_000),
      mad(36_000),
      mad(27_000),
      mad(63_000),
    ]);
    expect(rejected).toMatchObject({ status: 'rejected', reason: 'outside the window' });
    expect(cancelled).toMatchObject({ status: 'cancelled', request: { participationYear: 2 } });
  });

  it('decodes the recorded snapshots to the state the events fold to', () => {
    expectSnapshot(fundModel, FUND_STREAM, FUND_SNAPSHOT);
    expectSnapshot(beneficiaryModel, BENEFICIARY_STREAM, BENEFICIARY_SNAPSHOT);
  });
});
