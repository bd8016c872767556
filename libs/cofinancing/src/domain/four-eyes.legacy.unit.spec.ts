import {
  PayloadError,
  ProposalConfirmed,
  ProposalDeclined,
  ProposalExpired,
  proposalModel,
  recordProposal,
  type EncodedEvent,
  type JsonObject,
  type ProposalEvent,
} from '@ledger/kernel';
import {
  approveGrantCommand,
  disburseGrantCommand,
  releaseApproval,
  releaseGrantCommitment,
  reverseDisbursementCommand,
} from './four-eyes';
import { cofinancingLegacyProposals } from './four-eyes.legacy';
import { mad } from './test-fixtures';

/**
 * Proposals recorded before the one proposal kind, as the log holds them (stream
 * `cofinancing-proposal-<id>`, payloads as the old definitions encoded them: amounts as strings of
 * minor units, record times as ISO strings): they keep decoding, into the events of the one kind,
 * and fold into the same state as proposals recorded now.
 */
const model = proposalModel([cofinancingLegacyProposals]);
const stored = (type: string, data: JsonObject, schemaVersion = 1): EncodedEvent => ({ type, schemaVersion, data });
const decode = (event: EncodedEvent) => model.catalog.decode(event);
const fold = (events: readonly ProposalEvent[]) => events.reduce(model.evolve, model.initialState());
const madJson = (minor: string) => ({ amountMinor: minor, currency: 'MAD' });

const grant = {
  proposalId: 'p-1',
  fundId: 'fund-1',
  grantId: 'grant-1',
  beneficiaryId: 'consortium-1',
  windowId: 'promotion',
  participationYear: 1,
  proposedBy: 'manager-1',
  proposedByRole: 'fund_manager',
  proposedAt: '2026-03-02T09:00:00.000Z',
  expiresAt: '2026-03-04T09:00:00.000Z',
};

const approvalProposed = stored('cofinancing.ApprovalProposed', {
  ...grant,
  amount: madJson('13500000'),
  action: 'approve-grant',
  command: { type: 'ApproveGrant', grantId: 'grant-1', approvedOn: '2021-05-10' },
  threshold: madJson('10000000'),
});

const disbursementCommand = {
  type: 'DisburseGrant',
  grantId: 'grant-1',
  disbursementId: 'd-2',
  invoiceReference: 'INV-2',
  invoiceDate: '2021-06-01',
  invoiceAmount: madJson('4000000'),
  disbursedOn: '2021-06-15',
};

const correctionCommand = {
  type: 'ReverseDisbursement',
  grantId: 'grant-1',
  disbursementId: 'd-1',
  reason: 'wrong invoice amount',
  correctedOn: '2021-09-01',
  corrects: { eventId: 'event-d-1', position: '42' },
  replacement: {
    disbursementId: 'd-1b',
    invoiceReference: 'INV-1',
    invoiceDate: '2021-06-01',
    invoiceAmount: madJson('6000000'),
  },
};

/** The same proposal, recorded now through the one kind. */
const approvalNow = () =>
  recordProposal({
    proposalId: 'p-1',
    context: 'cofinancing',
    action: 'approve-grant',
    subjects: {
      fundId: 'fund-1',
      grantId: 'grant-1',
      beneficiaryId: 'consortium-1',
      windowId: 'promotion',
      participationYear: 1,
    },
    command: { type: 'ApproveGrant', grantId: 'grant-1', approvedOn: '2021-05-10' },
    reserved: mad(135_000),
    threshold: mad(100_000),
    proposedBy: 'manager-1',
    proposedByRole: 'fund_manager',
    proposedAt: new Date('2026-03-02T09:00:00.000Z'),
    ttlHours: 48,
  });

describe('co-financing proposals recorded before the one proposal kind', () => {
  it('an approval proposal reads as a ProposalRecorded: its grant as subjects, its command as recorded', () => {
    const proposal = decode(approvalProposed);
    expect(proposal).toEqual(approvalNow());
    if (proposal.type !== 'ledger.ProposalRecorded') throw new Error(proposal.type);
    expect(approveGrantCommand.decode(proposal.command, 'command')).toEqual({
      type: 'ApproveGrant',
      grantId: 'grant-1',
      approvedOn: '2021-05-10',
    });
  });

  it('a disbursement proposal names the entry it would record; its command is decided again as proposed', () => {
    const proposal = decode(
      stored('cofinancing.DisbursementProposed', {
        ...grant,
        amount: madJson('3000000'),
        action: 'disburse-grant',
        command: disbursementCommand,
        threshold: madJson('2000000'),
      }),
    );
    if (proposal.type !== 'ledger.ProposalRecorded') throw new Error(proposal.type);
    expect(proposal).toMatchObject({
      action: 'disburse-grant',
      subjects: { grantId: 'grant-1', disbursementId: 'd-2' },
      reserved: mad(30_000),
      threshold: mad(20_000),
    });
    expect(disburseGrantCommand.decode(proposal.command, 'command')).toEqual({
      ...disbursementCommand,
      invoiceAmount: mad(40_000),
    });
    expect(releaseGrantCommitment(proposal, 'expired')).toEqual([
      expect.objectContaining({ grantId: 'grant-1', proposalId: 'p-1', amount: mad(30_000), outcome: 'expired' }),
    ]);
  });

  it('a correction proposal has no threshold; its replacement comes back whole', () => {
    const proposal = decode(
      stored('cofinancing.CorrectionProposed', {
        ...grant,
        amount: madJson('1500000'),
        action: 'reverse-disbursement',
        command: correctionCommand,
      }),
    );
    if (proposal.type !== 'ledger.ProposalRecorded') throw new Error(proposal.type);
    expect(proposal).toMatchObject({ threshold: null, reserved: mad(15_000), subjects: { disbursementId: 'd-1' } });
    expect(reverseDisbursementCommand.decode(proposal.command, 'command')).toEqual({
      ...correctionCommand,
      replacement: { ...correctionCommand.replacement, invoiceAmount: mad(60_000) },
    });
  });

  it.each([
    [
      'confirmed',
      stored('cofinancing.ProposalConfirmed', {
        proposalId: 'p-1',
        confirmedBy: 'manager-2',
        confirmedAt: '2026-03-03T10:00:00.000Z',
        committed: madJson('13500000'),
      }),
      ProposalConfirmed.create({
        proposalId: 'p-1',
        confirmedBy: 'manager-2',
        confirmedAt: '2026-03-03T10:00:00.000Z',
      }),
    ],
    [
      'declined',
      stored('cofinancing.ProposalDeclined', {
        proposalId: 'p-1',
        declinedBy: 'manager-2',
        declinedAt: '2026-03-03T10:00:00.000Z',
        reason: 'action plan not revised',
      }),
      ProposalDeclined.create({
        proposalId: 'p-1',
        declinedBy: 'manager-2',
        declinedAt: '2026-03-03T10:00:00.000Z',
        reason: 'action plan not revised',
      }),
    ],
    [
      'expired',
      stored('cofinancing.ProposalExpired', { proposalId: 'p-1', expiredAt: '2026-03-04T09:00:00.000Z' }),
      ProposalExpired.create({ proposalId: 'p-1', expiredAt: '2026-03-04T09:00:00.000Z' }),
    ],
  ])('a %s old proposal reads as the one kind and folds into the same state', (status, settled, settledNow) => {
    expect(decode(settled)).toEqual(settledNow);
    const old = fold([decode(approvalProposed), decode(settled)]);
    expect(old).toMatchObject({ status, proposal: { proposalId: 'p-1', context: 'cofinancing' } });
    expect(old).toEqual(fold([approvalNow(), settledNow]));
  });

  it('an old pending proposal settled now: the new settlement event folds onto the old stream', () => {
    const state = fold([
      decode(approvalProposed),
      ProposalConfirmed.create({ proposalId: 'p-1', confirmedBy: 'manager-2', confirmedAt: '2026-03-03T10:00:00Z' }),
    ]);
    expect(state.status).toBe('confirmed');
    if (state.status === 'none') throw new Error('none');
    // What the old proposal reserved on the fund, the cap and the grant is released by the one action.
    const released = releaseApproval(state.proposal, 'confirmed');
    expect(released.fund[0]).toMatchObject({ fundId: 'fund-1', amount: mad(135_000) });
    expect(released.beneficiary[0]).toMatchObject({ windowId: 'promotion', participationYear: 1 });
    expect(released.grant[0]).toMatchObject({ grantId: 'grant-1', outcome: 'confirmed' });
  });

  it('old types are read, never written; an unknown schema version or a broken payload is refused', () => {
    const proposal = decode(approvalProposed);
    // Encoded again, an old proposal is of the one kind.
    expect(model.catalog.encode(proposal).type).toBe('ledger.ProposalRecorded');
    expect(() => decode({ ...approvalProposed, schemaVersion: 2 })).toThrow(PayloadError);
    expect(() => decode(stored('cofinancing.ApprovalProposed', { ...approvalProposed.data, amount: 12 }))).toThrow(
      PayloadError,
    );
    expect(cofinancingLegacyProposals.streamId('p-1')).toBe('cofinancing-proposal-p-1');
  });
});
