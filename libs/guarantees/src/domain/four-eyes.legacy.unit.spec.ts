import { proposalModel, ProposalDeclined, type EncodedEvent, type JsonObject } from '@ledger/kernel';
import {
  issueGuaranteeCommand,
  releaseBankLoan,
  releaseOnCompany,
  releaseOnConvention,
  releaseRepayment,
  reverseDepositCommand,
  reverseRepaymentCommand,
} from './four-eyes';
import { guaranteesLegacyProposals } from './four-eyes.legacy';
import { xof } from './senegal.fixtures';

/**
 * The guarantees proposals recorded before the one proposal kind (stream
 * `guarantees-proposal-<id>`): one `guarantees.ApprovalProposed` type whose command sat in
 * `issue`, `reverseDeposit` or `reverseRepayment`, with three reserved amounts. Payloads as the log
 * holds them: each reads as a `ledger.ProposalRecorded` with its subjects and its command, and a
 * settlement of today folds onto it.
 */
const catalog = proposalModel([guaranteesLegacyProposals]).catalog;
const xofJson = (major: number) => ({ amountMinor: String(major), currency: 'XOF' });
const zero = xofJson(0);

function oldProposal(action: string, command: JsonObject, reserved: Record<string, unknown>): EncodedEvent {
  return {
    type: 'guarantees.ApprovalProposed',
    schemaVersion: 1,
    data: {
      proposalId: `p-${action}`,
      action,
      companyId: 'scm-1',
      conventionId: action === 'reverse-deposit' ? null : 'conv-1',
      issue: action === 'issue-guarantee' ? command : null,
      reverseDeposit: action === 'reverse-deposit' ? command : null,
      reverseRepayment: action === 'reverse-repayment' ? command : null,
      reservedPrincipal: zero,
      reservedGuaranteed: zero,
      reservedFund: zero,
      ...reserved,
      proposedBy: 'officer-1',
      proposedByRole: 'guarantee_officer',
      proposedAt: '2026-03-02T09:00:00.000Z',
      expiresAt: '2026-03-04T09:00:00.000Z',
    } as JsonObject,
  };
}

const issue = {
  guaranteeId: 'g-1',
  conventionId: 'conv-1',
  bankId: 'CNCAS',
  memberId: 'm-1',
  loanReference: 'CNCAS-4E-BIG',
  principal: xofJson(300_000_000),
  loanStartDate: '2008-05-01',
  maturityDate: '2010-05-01',
  issuedOn: '2008-05-01',
};
const deposit = {
  companyId: 'scm-1',
  depositId: 'dat-2',
  reason: 'booked on the wrong company',
  correctedOn: '2008-04-01',
  corrects: { eventId: 'evt-dat-2', position: '17' },
  moveTo: { companyId: 'scm-2', depositId: 'dat-9' },
};
const repayment = {
  guaranteeId: 'g-1',
  reason: 'wrong loan',
  correctedOn: '2008-06-10',
  corrects: { eventId: 'evt-repay', position: '23', amount: xofJson(40_000_000), repaidOn: '2008-06-01' },
};

describe('guarantees proposals recorded before the one proposal kind', () => {
  it.each([
    {
      action: 'issue-guarantee',
      stored: oldProposal('issue-guarantee', issue, {
        reservedPrincipal: xofJson(300_000_000),
        reservedGuaranteed: xofJson(150_000_000),
        reserved: xofJson(300_000_000),
        threshold: xofJson(100_000_000),
      }),
      subjects: {
        companyId: 'scm-1',
        conventionId: 'conv-1',
        guaranteeId: 'g-1',
        memberId: 'm-1',
        bankId: 'CNCAS',
        loanReference: 'CNCAS-4E-BIG',
      },
      command: () => issueGuaranteeCommand.decode(issue, 'issue'),
      field: issueGuaranteeCommand,
    },
    {
      action: 'reverse-deposit',
      stored: oldProposal('reverse-deposit', deposit, {
        reservedFund: xofJson(68_000_000),
        reserved: xofJson(68_000_000),
        threshold: null,
      }),
      subjects: { companyId: 'scm-1', depositId: 'dat-2' },
      command: () => reverseDepositCommand.decode(deposit, 'deposit'),
      field: reverseDepositCommand,
    },
    {
      action: 'reverse-repayment',
      stored: oldProposal('reverse-repayment', repayment, {
        reservedPrincipal: xofJson(40_000_000),
        reservedGuaranteed: xofJson(20_000_000),
        reserved: xofJson(40_000_000),
        threshold: null,
      }),
      subjects: { companyId: 'scm-1', conventionId: 'conv-1', guaranteeId: 'g-1', repaymentEventId: 'evt-repay' },
      command: () => reverseRepaymentCommand.decode(repayment, 'repayment'),
      field: reverseRepaymentCommand,
    },
  ])(
    '$action: its subjects, reservations and whole command come back',
    ({ action, stored, subjects, command, field }) => {
      const proposal = catalog.decode(stored);
      if (proposal.type !== 'ledger.ProposalRecorded') throw new Error(proposal.type);
      expect(proposal).toMatchObject({ context: 'guarantees', action, subjects, proposedBy: 'officer-1' });
      expect(proposal.reserved.equals(proposal.reservations.principal.plus(proposal.reservations.fund))).toBe(true);
      // The command a confirmation decides again is the one proposed.
      expect(
        (field as { decode: (json: unknown, path: string) => unknown }).decode(proposal.command, 'command'),
      ).toEqual(command());
    },
  );

  it('an old issuance releases what it held: the company side, the headroom, the loan', () => {
    const proposal = catalog.decode(
      oldProposal('issue-guarantee', issue, {
        reservedPrincipal: xofJson(300_000_000),
        reservedGuaranteed: xofJson(150_000_000),
        reserved: xofJson(300_000_000),
        threshold: xofJson(100_000_000),
      }),
    );
    if (proposal.type !== 'ledger.ProposalRecorded') throw new Error(proposal.type);
    expect(releaseOnCompany(proposal, 'declined')[0]).toMatchObject({ companyId: 'scm-1', fund: xof(0) });
    expect(releaseOnConvention(proposal, 'declined')[0]).toMatchObject({
      conventionId: 'conv-1',
      principal: xof(300_000_000),
      guaranteed: xof(150_000_000),
    });
    expect(releaseBankLoan(proposal, 'declined')[0]).toMatchObject({ bankId: 'CNCAS', loanReference: 'CNCAS-4E-BIG' });
  });

  it('an old repayment reversal unlocks its repayment; its old decline reads as the one kind', () => {
    const model = proposalModel([guaranteesLegacyProposals]);
    const recorded = catalog.decode(
      oldProposal('reverse-repayment', repayment, { reserved: xofJson(40_000_000), threshold: null }),
    );
    const declined = catalog.decode({
      type: 'guarantees.ProposalDeclined',
      schemaVersion: 1,
      data: {
        proposalId: 'p-reverse-repayment',
        declinedBy: 'officer-2',
        declinedAt: '2026-03-03T08:00:00Z',
        reason: 'no',
      },
    });
    expect(declined).toEqual(
      ProposalDeclined.create({
        proposalId: 'p-reverse-repayment',
        declinedBy: 'officer-2',
        declinedAt: '2026-03-03T08:00:00Z',
        reason: 'no',
      }),
    );
    const state = [recorded, declined].reduce(model.evolve, model.initialState());
    expect(state.status).toBe('declined');
    if (state.status === 'none') throw new Error('none');
    expect(releaseRepayment(state.proposal, 'declined')[0]).toMatchObject({
      guaranteeId: 'g-1',
      repaymentEventId: 'evt-repay',
    });
    expect(guaranteesLegacyProposals.streamId('p-1')).toBe('guarantees-proposal-p-1');
  });
});
