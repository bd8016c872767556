import { Injectable } from '@nestjs/common';
import {
  businessTime,
  positionOf,
  withEvents,
  type Change,
  type CommandContext,
  type Loaded,
} from '@ledger/event-sourcing';
import { Clock, LedgerRuntime } from '@ledger/platform';
import {
  bankLoanModel,
  companyModel,
  conventionModel,
  depositReversalCommandOf,
  dueProposal,
  GuaranteeProposalConfirmed,
  GuaranteeProposalDeclined,
  GuaranteeProposalExpired,
  guaranteeModel,
  issuanceCommandOf,
  issueGuarantee,
  proposalModel,
  releaseReservations,
  repaymentReversalCommandOf,
  requireCommand,
  requirePendingProposal,
  reverseDeposit,
  reverseRepayment,
  streamIds,
  type BankLoanState,
  type CompanyState,
  type ConventionState,
  type GuaranteeApprovalProposed,
  type GuaranteeProposalEvent,
  type GuaranteeState,
  type ProposalOutcome,
  type ProposalState,
  type Release,
} from '../../domain';
import type { ProposalSettled } from '../commands/four-eyes.commands';

/** The streams a proposal reserved on, as loaded now (absent when its action does not touch them). */
interface ReservedStreams {
  readonly company: Loaded<CompanyState> | null;
  readonly convention: Loaded<ConventionState> | null;
  readonly bankLoan: Loaded<BankLoanState> | null;
  readonly guarantee: Loaded<GuaranteeState> | null;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyChange = Change<any, any>;

const today = (at: Date) => at.toISOString().slice(0, 10);

/**
 * Settles four-eyes proposals: confirm (a second officer; the reservations are released and the
 * original command decided again on current state — without its own reservation, with everyone
 * else's — and the real events, the release and the confirmation go in one atomic append), decline
 * and expire (released). Each is one load → decide → append cycle, retried on concurrency conflicts.
 */
@Injectable()
export class ProposalSettlement {
  constructor(
    private readonly runtime: LedgerRuntime,
    private readonly clock: Clock,
  ) {}

  private get repository() {
    return this.runtime.repository;
  }

  private loadProposal(proposalId: string): Promise<Loaded<ProposalState>> {
    return this.repository.load(streamIds.proposal(proposalId), proposalModel);
  }

  private async loadReserved(proposal: GuaranteeApprovalProposed): Promise<ReservedStreams> {
    const repository = this.repository;
    switch (proposal.action) {
      case 'issue-guarantee': {
        const issue = requireCommand(proposal.issue, proposal);
        const [company, convention, bankLoan, guarantee] = await Promise.all([
          repository.load(streamIds.company(proposal.companyId), companyModel),
          repository.load(streamIds.convention(issue.conventionId), conventionModel),
          repository.load(streamIds.bankLoan(issue.bankId, issue.loanReference), bankLoanModel),
          repository.load(streamIds.guarantee(issue.guaranteeId), guaranteeModel),
        ]);
        return { company, convention, bankLoan, guarantee };
      }
      case 'reverse-deposit':
        return {
          company: await repository.load(streamIds.company(proposal.companyId), companyModel),
          convention: null,
          bankLoan: null,
          guarantee: null,
        };
      case 'reverse-repayment': {
        const reversal = requireCommand(proposal.reverseRepayment, proposal);
        const [convention, guarantee] = await Promise.all([
          repository.load(streamIds.convention(requireCommand(proposal.conventionId, proposal)), conventionModel),
          repository.load(streamIds.guarantee(reversal.guaranteeId), guaranteeModel),
        ]);
        return { company: null, convention, bankLoan: null, guarantee };
      }
    }
  }

  /** The release changes (plus, per stream, what the re-decided command adds after it). */
  private changes(
    proposal: Loaded<ProposalState>,
    settled: GuaranteeProposalEvent,
    streams: ReservedStreams,
    release: Release,
    decided: Partial<Record<keyof Release, readonly unknown[]>> = {},
  ): AnyChange[] {
    const changes: AnyChange[] = [{ stream: proposal, model: proposalModel, events: [settled] }];
    const add = (loaded: Loaded<unknown> | null, model: unknown, key: keyof Release) => {
      if (loaded === null) return;
      changes.push({
        stream: loaded,
        model,
        events: [...release[key], ...(decided[key] ?? [])],
      } as AnyChange);
    };
    add(streams.company, companyModel, 'company');
    add(streams.convention, conventionModel, 'convention');
    add(streams.bankLoan, bankLoanModel, 'bankLoan');
    add(streams.guarantee, guaranteeModel, 'guarantee');
    return withEvents(changes);
  }

  private after<S, E extends { readonly type: string }>(
    loaded: Loaded<S> | null,
    events: readonly E[],
    evolve: (state: S, event: E) => S,
  ): S {
    if (loaded === null) throw new Error('a stream the proposal reserved on was not loaded');
    return events.reduce(evolve, loaded.state);
  }

  async confirm(proposalId: string, context: CommandContext): Promise<ProposalSettled> {
    const outcome = await this.repository.execute(async () => {
      const at = this.clock.now();
      const proposal = await this.loadProposal(proposalId);
      const pending = requirePendingProposal(proposal.state, { proposalId, actor: context.actor, at }, 'confirm');
      const streams = await this.loadReserved(pending);
      const release = releaseReservations(pending, 'confirmed');
      const confirmed = GuaranteeProposalConfirmed.create({
        proposalId,
        confirmedBy: context.actor,
        confirmedAt: at.toISOString(),
      });
      let changes: AnyChange[];
      let on: string;
      let committed: Record<string, unknown>;
      let extra: AnyChange[] = [];
      let causationId = pending.proposalId;
      switch (pending.action) {
        case 'issue-guarantee': {
          const command = issuanceCommandOf(pending);
          const decision = issueGuarantee(command, {
            guarantee: this.after(streams.guarantee, [], guaranteeModel.evolve),
            convention: this.after(streams.convention, release.convention, conventionModel.evolve),
            company: this.after(streams.company, release.company, companyModel.evolve),
            bankLoan: this.after(streams.bankLoan, release.bankLoan, bankLoanModel.evolve),
          });
          changes = this.changes(proposal, confirmed, streams, release, {
            company: decision.company,
            convention: decision.convention,
            bankLoan: decision.bankLoan,
            guarantee: decision.guarantee,
          });
          on = command.issuedOn;
          committed = {
            guaranteeId: command.guaranteeId,
            guaranteedAmount: decision.guaranteedAmount.toJSON(),
            exposure: decision.exposure.toJSON(),
            headroom: decision.headroomAfter.toJSON(),
          };
          break;
        }
        case 'reverse-deposit': {
          const command = depositReversalCommandOf(pending);
          const target = command.moveTo
            ? await this.repository.load(streamIds.company(command.moveTo.companyId), companyModel)
            : null;
          const decision = reverseDeposit(
            pending.companyId,
            command,
            this.after(streams.company, release.company, companyModel.evolve),
            target?.state ?? null,
          );
          changes = this.changes(proposal, confirmed, streams, release, { company: decision.company });
          if (target) extra = withEvents([{ stream: target, model: companyModel, events: decision.target }]);
          const reversed = decision.company[0];
          on = reversed.type === 'guarantees.GuaranteeFundDepositReversed' ? reversed.depositedOn : today(at);
          // The correction names the entry it corrects: its causation id, as for a direct reversal.
          causationId = command.corrects.eventId;
          committed = { depositId: command.depositId, movedTo: command.moveTo };
          break;
        }
        case 'reverse-repayment': {
          const command = repaymentReversalCommandOf(pending);
          const decision = reverseRepayment(
            command,
            this.after(streams.guarantee, release.guarantee, guaranteeModel.evolve),
          );
          changes = this.changes(proposal, confirmed, streams, release, {
            convention: decision.convention,
            guarantee: decision.guarantee,
            company: decision.company,
          });
          on = command.corrects.repaidOn;
          causationId = command.corrects.eventId;
          committed = { guaranteeId: command.guaranteeId, repaymentEventId: command.corrects.eventId };
          break;
        }
      }
      const results = await this.repository.save([...changes, ...extra], { ...context, causationId }, businessTime(on));
      return { position: positionOf(results), pending, committed };
    });
    await this.runtime.committed(outcome.position);
    return {
      proposalId,
      status: 'confirmed',
      action: outcome.pending.action,
      released: outcome.pending.reserved.toJSON(),
      committed: outcome.committed,
      position: outcome.position.toString(),
    };
  }

  async decline(proposalId: string, reason: string, context: CommandContext): Promise<ProposalSettled> {
    const outcome = await this.repository.execute(async () => {
      const at = this.clock.now();
      const proposal = await this.loadProposal(proposalId);
      const pending = requirePendingProposal(proposal.state, { proposalId, actor: context.actor, at }, 'decline');
      const declined = GuaranteeProposalDeclined.create({
        proposalId,
        declinedBy: context.actor,
        declinedAt: at.toISOString(),
        reason,
      });
      const position = await this.release(proposal, pending, declined, 'declined', context, at);
      return { position, pending };
    });
    await this.runtime.committed(outcome.position);
    return {
      proposalId,
      status: 'declined',
      action: outcome.pending.action,
      released: outcome.pending.reserved.toJSON(),
      committed: null,
      position: outcome.position.toString(),
    };
  }

  /** Idempotent: a proposal already settled, or not yet due, gives nothing. */
  async expire(proposalId: string, context: CommandContext) {
    const outcome = await this.repository.execute(async () => {
      const now = this.clock.now();
      const proposal = await this.loadProposal(proposalId);
      const pending = dueProposal(proposal.state, now);
      if (pending === null) return { position: 0n, expired: false };
      const expired = GuaranteeProposalExpired.create({ proposalId, expiredAt: now.toISOString() });
      return { position: await this.release(proposal, pending, expired, 'expired', context, now), expired: true };
    });
    await this.runtime.committed(outcome.position);
    return { proposalId, expired: outcome.expired, position: outcome.position.toString() };
  }

  private async release(
    proposal: Loaded<ProposalState>,
    pending: GuaranteeApprovalProposed,
    settled: GuaranteeProposalEvent,
    outcome: ProposalOutcome,
    context: CommandContext,
    at: Date,
  ): Promise<bigint> {
    const streams = await this.loadReserved(pending);
    const changes = this.changes(proposal, settled, streams, releaseReservations(pending, outcome));
    const results = await this.repository.save(
      changes,
      { ...context, causationId: pending.proposalId },
      businessTime(today(at)),
    );
    return positionOf(results);
  }
}
