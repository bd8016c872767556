import { Money } from '@ledger/money';
import type { DomainError } from '@ledger/kernel';
import { AmountNotPositive, CommitmentExhausted, DuplicateInvoice, InvalidSchedule, WrongCurrency } from './errors';
import { GrantApproved, GrantRequested, type DisbursementReversed, type GrantDisbursed } from './events';
import {
  approvalPolicyOf,
  correctionExtraCommitment,
  correctionNeedsSecondPerson,
  decideApprovalPolicy,
  disburseGrantCommand,
  FundApprovalPolicySet,
  releaseApproval,
  releaseGrantCommitment,
  reserveApproval,
  reserveCorrection,
  reserveDisbursement,
  reverseDisbursementCommand,
  secondPersonThreshold,
  type FundApprovalPolicy,
  type SetFundApprovalPolicy,
} from './four-eyes';
// The rules every proposal follows (deadline, second person, decline) are the kernel's: proposal.unit.spec.ts.
import { proposalModel, recordProposal, type Proposal } from '@ledger/kernel';
import { GrantHasPendingProposals, HeldByPendingProposal } from './four-eyes.errors';
import { evolveFundStream, reservedOf, type FundState } from './fund';
import {
  approveGrant,
  cancelGrant,
  rejectGrant,
  closeGrant,
  disburseGrant,
  evolveGrantStream,
  pendingProposalsOf,
  reservedOnGrant,
  reverseDisbursement,
  type GrantState,
  type GrantStreamEvent,
} from './grant';
import type { DisburseGrant, ReverseDisbursement } from './commands';
import {
  CONSORTIUM,
  FUND,
  PROMOTION,
  bp,
  givenBeneficiary,
  consortiumEvents,
  mad,
  moroccanFundEvents,
} from './test-fixtures';
import { evolveBeneficiaryStream } from './beneficiary';

const GRANT = 'grant-salon-1';
const PROPOSED_AT = new Date('2026-03-02T09:00:00.000Z');

function expectRefusal(run: () => unknown, type: abstract new (...args: never[]) => DomainError, figures = {}) {
  let caught: unknown;
  try {
    run();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(type);
  expect(caught).toMatchObject(figures);
}

const policy = (overrides: Partial<FundApprovalPolicy> = {}): FundApprovalPolicy => ({
  approveGrantAbove: mad(100_000),
  disburseAbove: mad(20_000),
  correctionsNeedSecondPerson: true,
  proposalTtlHours: 48,
  ...overrides,
});

const setPolicy = (overrides: Partial<SetFundApprovalPolicy> = {}): SetFundApprovalPolicy => ({
  type: 'SetFundApprovalPolicy',
  fundId: FUND,
  approveGrantAbove: mad(100_000),
  disburseAbove: mad(20_000),
  correctionsNeedSecondPerson: true,
  proposalTtlHours: 48,
  setOn: '2021-01-01',
  ...overrides,
});

/** Eligible 120 000 MAD, subsidy 90 000 MAD: effective rate 75 %. */
const approvedGrant = (): GrantState =>
  [
    GrantRequested.create({
      grantId: GRANT,
      fundId: FUND,
      windowId: PROMOTION,
      beneficiaryId: CONSORTIUM,
      serviceProvider: 'Maroc Export',
      description: 'SIAL Paris stand',
      eligibleCost: mad(120_000),
      requestedOn: '2021-06-01',
      participationYear: 1,
    }),
    GrantApproved.create({
      grantId: GRANT,
      fundId: FUND,
      windowId: PROMOTION,
      beneficiaryId: CONSORTIUM,
      participationYear: 1,
      approvedOn: '2021-06-10',
      eligibleCost: mad(120_000),
      subsidy: mad(90_000),
      ownShare: mad(30_000),
      rate: bp(7500),
      scheduleVersion: 1,
      computation: {
        yearRule: 'schedule-year',
        rateSubsidy: mad(90_000),
        cap: mad(200_000),
        capUsedBefore: mad(0),
        capLeft: mad(200_000),
        limitedBy: 'rate',
        fundAvailableBefore: mad(10_000_000),
      },
    }),
  ].reduce(evolveGrantStream, { status: 'none' } as GrantState);

const invoice = (reference: string, amountMajor: number): DisburseGrant => ({
  type: 'DisburseGrant',
  grantId: GRANT,
  disbursementId: `d-${reference}`,
  invoiceReference: reference,
  invoiceDate: '2021-07-01',
  invoiceAmount: mad(amountMajor),
  disbursedOn: '2021-07-02',
});

/** The proposal the wrapper records in place of a command (see @ledger/four-eyes). */
const recorded = (
  proposalId: string,
  action: string,
  reservation: { subjects: Proposal['subjects']; reserved: Money },
  command: Proposal['command'],
  threshold: Money | null,
) =>
  recordProposal({
    ...reservation,
    proposalId,
    context: 'cofinancing',
    action,
    command,
    threshold,
    proposedBy: 'alice',
    proposedByRole: 'fund_manager',
    proposedAt: PROPOSED_AT,
    ttlHours: 48,
  });

/** Proposes a disbursement on the grant as the wrapper does: decided now, then reserved. */
function proposePayment(state: GrantState, proposalId: string, command: DisburseGrant) {
  const disbursed = disburseGrant(command, state)[0] as GrantDisbursed;
  const threshold = secondPersonThreshold(policy(), disbursed.paid, 'disburse-grant');
  if (threshold === null) throw new Error('below the threshold');
  const reservation = reserveDisbursement(disbursed, proposalId);
  const proposal = recorded(
    proposalId,
    'disburse-grant',
    reservation,
    disburseGrantCommand.encode(command) as never,
    threshold,
  );
  return { proposal, reservation, state: reservation.grant.reduce(evolveGrantStream, state) };
}

const pay = (state: GrantState, command: DisburseGrant) =>
  (disburseGrant(command, state) as GrantStreamEvent[]).reduce(evolveGrantStream, state);

const reversal = (
  disbursementId: string,
  replacement: ReverseDisbursement['replacement'] = null,
): ReverseDisbursement => ({
  type: 'ReverseDisbursement',
  grantId: GRANT,
  disbursementId,
  reason: 'wrong invoice amount',
  correctedOn: '2021-09-01',
  corrects: { eventId: `event-${disbursementId}`, position: '42' },
  replacement,
});

function proposeFix(state: GrantState, proposalId: string, command: ReverseDisbursement) {
  const events = reverseDisbursement(command, state);
  const reversed = events[0] as DisbursementReversed;
  const replacement = (events[1] as GrantDisbursed | undefined) ?? null;
  const reservation = reserveCorrection(reversed, replacement, proposalId);
  const encoded = reverseDisbursementCommand.encode(command) as never;
  const proposal = recorded(proposalId, 'reverse-disbursement', reservation, encoded, null);
  return { proposal, reservation, state: reservation.grant.reduce(evolveGrantStream, state) };
}

const model = proposalModel();

describe('four-eyes policy', () => {
  it('records the disbursement threshold and the corrections rule with the approval threshold', () => {
    const event = decideApprovalPolicy(setPolicy(), { fundId: FUND, currency: 'MAD' });
    expect(event).toEqual(
      FundApprovalPolicySet.create({
        fundId: FUND,
        approveGrantAbove: mad(100_000),
        disburseAbove: mad(20_000),
        correctionsNeedSecondPerson: true,
        proposalTtlHours: 48,
        setOn: '2021-01-01',
      }),
    );
    expect(approvalPolicyOf(event)).toEqual(policy());
  });

  it.each([
    [
      'disburseAbove in EUR',
      { disburseAbove: Money.ofMinor(100n, 'EUR') },
      WrongCurrency,
      { field: 'disburseAbove.currency' },
    ],
    ['a negative disburseAbove', { disburseAbove: mad(-1) }, AmountNotPositive, { field: 'disburseAbove' }],
    ['approveGrantAbove in EUR', { approveGrantAbove: Money.ofMinor(1n, 'EUR') }, WrongCurrency, {}],
    ['a TTL of 0 hours', { proposalTtlHours: 0 }, InvalidSchedule, { field: 'proposalTtlHours' }],
    ['a TTL above 30 days', { proposalTtlHours: 721 }, InvalidSchedule, { field: 'proposalTtlHours' }],
  ])('refuses %s', (_, change, type, figures) => {
    expectRefusal(() => decideApprovalPolicy(setPolicy(change), { fundId: FUND, currency: 'MAD' }), type, figures);
  });

  it('an event recorded before the new fields existed still decodes: no disbursement threshold, no corrections rule', () => {
    const old = FundApprovalPolicySet.decode(
      {
        fundId: FUND,
        approveGrantAbove: { amountMinor: '10000000', currency: 'MAD' },
        proposalTtlHours: 24,
        setOn: '2021-01-01',
      },
      1,
    );
    expect(approvalPolicyOf(old)).toEqual({
      approveGrantAbove: mad(100_000),
      disburseAbove: null,
      correctionsNeedSecondPerson: false,
      proposalTtlHours: 24,
    });
    const fund = [...moroccanFundEvents(), old].reduce(evolveFundStream, { status: 'none' } as FundState);
    expect(fund.status === 'open' && fund.approvalPolicy?.correctionsNeedSecondPerson).toBe(false);
  });

  it('a second person is needed strictly above each threshold, per action', () => {
    expect(secondPersonThreshold(policy(), mad(100_000))).toBeNull();
    expect(secondPersonThreshold(policy(), mad(100_001))).toEqual(mad(100_000));
    expect(secondPersonThreshold(policy(), mad(20_000), 'disburse-grant')).toBeNull();
    expect(secondPersonThreshold(policy(), Money.ofMinor(2_000_001n, 'MAD'), 'disburse-grant')).toEqual(mad(20_000));
    // A disbursement is measured against disburseAbove, not approveGrantAbove.
    expect(secondPersonThreshold(policy({ disburseAbove: null }), mad(500_000), 'disburse-grant')).toBeNull();
    expect(secondPersonThreshold(null, mad(500_000), 'disburse-grant')).toBeNull();
    expect(correctionNeedsSecondPerson(policy())).toBe(true);
    expect(correctionNeedsSecondPerson(policy({ correctionsNeedSecondPerson: false }))).toBe(false);
    expect(correctionNeedsSecondPerson(null)).toBe(false);
  });
});

describe('approval proposals', () => {
  it('reserve the subsidy on the fund, the cap and lock the grant; the release undoes all three', () => {
    const fundEvents = moroccanFundEvents(mad(1_000_000));
    const fund = fundEvents.reduce(evolveFundStream, { status: 'none' } as FundState);
    const beneficiary = givenBeneficiary(consortiumEvents());
    const requested = approvedGrant();
    if (requested.status !== 'approved') throw new Error('fixture');
    const grant: GrantState = { status: 'requested', request: requested.request };
    const command = { type: 'ApproveGrant' as const, grantId: GRANT, approvedOn: '2021-06-10' };
    const approved = approveGrant(command, { grant, fund, beneficiary }).grant[0] as GrantApproved;
    const proposal = reserveApproval(approved, 'p-a', mad(1_000_000));
    const record = recorded('p-a', 'approve-grant', proposal, { ...command }, mad(50_000));
    expect(record).toMatchObject({
      subjects: { fundId: FUND, grantId: GRANT, beneficiaryId: CONSORTIUM, windowId: PROMOTION, participationYear: 1 },
      reserved: mad(90_000),
      expiresAt: '2026-03-04T09:00:00.000Z',
    });
    const fundAfter = proposal.fund.reduce(evolveFundStream, fund);
    if (fundAfter.status !== 'open') throw new Error('fund');
    expect(reservedOf(fundAfter)).toEqual(mad(90_000));
    const grantAfter = proposal.grant.reduce(evolveGrantStream, grant);
    expect(pendingProposalsOf(grantAfter)).toEqual(['p-a']);
    expectRefusal(
      () => cancelGrant({ type: 'CancelGrant', grantId: GRANT, cancelledOn: '2021-06-11', reason: 'x' }, grantAfter),
      GrantHasPendingProposals,
      {
        proposalIds: ['p-a'],
      },
    );
    // Nor rejected: the reservation would be left behind.
    expectRefusal(
      () => rejectGrant({ type: 'RejectGrant', grantId: GRANT, rejectedOn: '2021-06-11', reason: 'x' }, grantAfter),
      GrantHasPendingProposals,
      { command: 'reject', proposalIds: ['p-a'] },
    );

    const release = releaseApproval(record, 'declined');
    const released = release.fund.reduce(evolveFundStream, fundAfter);
    if (released.status !== 'open') throw new Error('fund');
    expect(reservedOf(released)).toEqual(mad(0));
    expect(pendingProposalsOf(release.grant.reduce(evolveGrantStream, grantAfter))).toEqual([]);
    const capAfter = release.beneficiary.reduce(
      evolveBeneficiaryStream,
      proposal.beneficiary.reduce(evolveBeneficiaryStream, beneficiary),
    );
    expect(capAfter).toEqual(beneficiary);
  });
});

describe('disbursement proposals', () => {
  it('reserve on the grant what the ordinary rule would pay, with the invoice reference and disbursement id', () => {
    const { proposal, reservation, state } = proposePayment(approvedGrant(), 'p-1', invoice('F1', 40_000));
    expect(proposal).toMatchObject({
      context: 'cofinancing',
      action: 'disburse-grant',
      reserved: mad(30_000), // 75 % of 40 000
      threshold: mad(20_000),
      proposedBy: 'alice',
      expiresAt: '2026-03-04T09:00:00.000Z',
      subjects: { grantId: GRANT, disbursementId: 'd-F1' },
    });
    expect(reservation.grant).toEqual([
      expect.objectContaining({
        type: 'cofinancing.GrantCommitmentReserved',
        amount: mad(30_000),
        invoiceReference: 'F1',
        disbursementId: 'd-F1',
        reverses: null,
      }),
    ]);
    expect(reservedOnGrant(state)).toEqual(mad(30_000));
    // Not a balance: nothing is disbursed.
    expect(state.status === 'approved' && state.disbursed.isZero()).toBe(true);
    // The command survives the log's round trip, and is decided again as it was proposed.
    const decoded = model.catalog.decode(model.catalog.encode(proposal));
    if (decoded.type !== 'ledger.ProposalRecorded') throw new Error(decoded.type);
    expect(disburseGrantCommand.decode(decoded.command, 'command')).toEqual(invoice('F1', 40_000));
  });

  it('two pending proposals and a direct payment never together pay more than the subsidy', () => {
    let state = approvedGrant();
    // 75 % of 60 000 = 45 000 reserved, then 75 % of 50 000 = 37 500: 82 500 of 90 000.
    state = proposePayment(state, 'p-1', invoice('F1', 60_000)).state;
    state = proposePayment(state, 'p-2', invoice('F2', 50_000)).state;
    expect(reservedOnGrant(state)).toEqual(mad(82_500));
    // A third invoice of 40 000 would be paid 30 000 at the effective rate: only 7 500 is left.
    const third = disburseGrant(invoice('F3', 40_000), state)[0] as GrantDisbursed;
    expect(third).toMatchObject({
      paid: mad(7_500),
      rule: 'commitment-left',
      disbursedTotal: mad(7_500),
      commitmentLeft: mad(82_500),
    });
    state = pay(state, invoice('F3', 40_000));
    expectRefusal(() => disburseGrant(invoice('F4', 1_000), state), CommitmentExhausted, {
      reserved: mad(82_500),
      details: expect.objectContaining({ reserved: { amountMinor: '8250000', currency: 'MAD' } }),
    });
    // A proposal is refused too once nothing is left to reserve.
    expectRefusal(() => proposePayment(state, 'p-3', invoice('F5', 1_000)), CommitmentExhausted);
  });

  it('a reserved invoice reference or disbursement id is refused to anyone else', () => {
    const { state } = proposePayment(approvedGrant(), 'p-1', invoice('F1', 40_000));
    expectRefusal(
      () => disburseGrant({ ...invoice('F1', 1_000), disbursementId: 'other' }, state),
      HeldByPendingProposal,
      {
        field: 'invoiceReference',
        proposalId: 'p-1',
      },
    );
    expectRefusal(
      () => disburseGrant({ ...invoice('F9', 1_000), disbursementId: 'd-F1' }, state),
      HeldByPendingProposal,
      {
        field: 'disbursementId',
        proposalId: 'p-1',
      },
    );
  });

  it('on confirmation: released, then decided again on current state (other reservations still count)', () => {
    let state = approvedGrant();
    const first = proposePayment(state, 'p-1', invoice('F1', 60_000));
    state = proposePayment(first.state, 'p-2', invoice('F2', 50_000)).state;
    state = pay(state, invoice('F3', 40_000)); // 7 500 paid
    const released = releaseGrantCommitment(first.proposal, 'confirmed').reduce(evolveGrantStream, state);
    expect(reservedOnGrant(released)).toEqual(mad(37_500));
    const paid = disburseGrant(invoice('F1', 60_000), released)[0] as GrantDisbursed;
    expect(paid).toMatchObject({ paid: mad(45_000), disbursedTotal: mad(52_500) });
  });

  it('a decline releases exactly its own reservation', () => {
    let state = approvedGrant();
    const first = proposePayment(state, 'p-1', invoice('F1', 60_000));
    state = proposePayment(first.state, 'p-2', invoice('F2', 50_000)).state;
    const release = releaseGrantCommitment(first.proposal, 'declined');
    expect(release).toEqual([
      expect.objectContaining({
        type: 'cofinancing.GrantCommitmentReservationReleased',
        proposalId: 'p-1',
        amount: mad(45_000),
      }),
    ]);
    const after = release.reduce(evolveGrantStream, state);
    expect(reservedOnGrant(after)).toEqual(mad(37_500));
    // F1 is free again.
    expect(disburseGrant(invoice('F1', 1_000), after)).toHaveLength(1);
  });

  it('closing or cancelling a grant with pending proposals is refused, naming them', () => {
    let state = approvedGrant();
    state = proposePayment(state, 'p-1', invoice('F1', 60_000)).state;
    state = proposePayment(state, 'p-2', invoice('F2', 50_000)).state;
    expectRefusal(
      () => closeGrant({ type: 'CloseGrant', grantId: GRANT, closedOn: '2021-12-31' }, state),
      GrantHasPendingProposals,
      {
        code: 'grant-proposals-pending',
        kind: 'conflict',
        proposalIds: ['p-1', 'p-2'],
      },
    );
    expectRefusal(
      () => cancelGrant({ type: 'CancelGrant', grantId: GRANT, cancelledOn: '2021-12-31', reason: 'x' }, state),
      GrantHasPendingProposals,
    );
  });
});

describe('correction proposals', () => {
  const paidTwice = () => pay(pay(approvedGrant(), invoice('F1', 40_000)), invoice('F2', 20_000)); // 30 000 + 15 000

  it('lock the entry they reverse: no direct reversal and no second proposal meanwhile', () => {
    const { proposal, reservation, state } = proposeFix(paidTwice(), 'c-1', reversal('d-F1'));
    expect(proposal.reserved).toEqual(mad(0)); // a reversal alone uses no commitment
    expect(reservation.grant[0]).toMatchObject({ reverses: 'd-F1', invoiceReference: null, disbursementId: null });
    expectRefusal(() => reverseDisbursement(reversal('d-F1'), state), HeldByPendingProposal, {
      field: 'disbursementId',
      value: 'd-F1',
      proposalId: 'c-1',
    });
    // Other entries stay correctable.
    expect(reverseDisbursement(reversal('d-F2'), state)).toHaveLength(1);
  });

  it('reserve the net extra commitment of the replacement, with its invoice reference and id', () => {
    const replacement = {
      disbursementId: 'd-F1b',
      invoiceReference: 'F1',
      invoiceDate: '2021-07-01',
      invoiceAmount: mad(60_000),
    };
    const { proposal, reservation, state } = proposeFix(paidTwice(), 'c-1', reversal('d-F1', replacement));
    // Reversal frees 30 000, the replacement pays 45 000: 15 000 more than now.
    expect(proposal).toMatchObject({ action: 'reverse-disbursement', reserved: mad(15_000), threshold: null });
    expect(reservation.grant[0]).toMatchObject({ reverses: 'd-F1', invoiceReference: 'F1', disbursementId: 'd-F1b' });
    expect(reservedOnGrant(state)).toEqual(mad(15_000));
    // 90 000 − 45 000 paid − 15 000 reserved = 30 000 left for anyone else.
    expect(disburseGrant(invoice('F3', 100_000), state)[0]).toMatchObject({ paid: mad(30_000), rule: 'remainder' });
    expectRefusal(
      () => disburseGrant({ ...invoice('F4', 1_000), disbursementId: 'd-F1b' }, state),
      HeldByPendingProposal,
      { field: 'disbursementId' },
    );
    // A smaller replacement reserves nothing.
    const smaller = proposeFix(paidTwice(), 'c-2', reversal('d-F1', { ...replacement, invoiceAmount: mad(10_000) }));
    expect(smaller.proposal.reserved).toEqual(mad(0));
  });

  it('on confirmation the correction is decided again, and balances follow', () => {
    const replacement = {
      disbursementId: 'd-F1b',
      invoiceReference: 'F1',
      invoiceDate: '2021-07-01',
      invoiceAmount: mad(60_000),
    };
    const { proposal, state } = proposeFix(paidTwice(), 'c-1', reversal('d-F1', replacement));
    const decoded = model.catalog.decode(model.catalog.encode(proposal));
    if (decoded.type !== 'ledger.ProposalRecorded') throw new Error(decoded.type);
    const command = reverseDisbursementCommand.decode(decoded.command, 'command');
    expect(command).toEqual(reversal('d-F1', replacement));
    const released = releaseGrantCommitment(decoded, 'confirmed').reduce(evolveGrantStream, state);
    const events = reverseDisbursement(command, released) as GrantStreamEvent[];
    const after = events.reduce(evolveGrantStream, released);
    expect(after).toMatchObject({ disbursed: mad(60_000), invoiced: mad(80_000) });
    expect(reservedOnGrant(after)).toEqual(mad(0));
  });

  it('the extra commitment is never negative', () => {
    const reversed = { disbursedTotal: mad(15_000) } as DisbursementReversed;
    expect(correctionExtraCommitment(mad(45_000), reversed, null)).toEqual(mad(0));
    expect(correctionExtraCommitment(mad(45_000), reversed, { disbursedTotal: mad(50_000) } as GrantDisbursed)).toEqual(
      mad(5_000),
    );
  });

  it('while its reversal is pending, an entry still counts: paying its invoice again is a duplicate', () => {
    const { state } = proposeFix(paidTwice(), 'c-1', reversal('d-F2'));
    // While the reversal of F2 is pending, F2 is still paid: paying it again is a duplicate.
    expectRefusal(() => disburseGrant({ ...invoice('F2', 1_000), disbursementId: 'x' }, state), DuplicateInvoice);
  });
});
