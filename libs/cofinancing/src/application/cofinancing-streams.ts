import { Injectable } from '@nestjs/common';
import {
  businessTime,
  positionOf,
  withEvents,
  type Change,
  type CommandContext,
  type Loaded,
  type StreamModel,
} from '@ledger/event-sourcing';
import { LedgerRuntime } from '@ledger/platform';
import {
  GrantNotFound,
  beneficiaryModel,
  beneficiaryStreamId,
  fundModel,
  fundStreamId,
  grantModel,
  grantStreamId,
  evolveProposal,
  proposalCatalog,
  proposalStreamId,
  type BeneficiaryStreamEvent,
  type BeneficiaryState,
  type FundStreamEvent,
  type FundState,
  type GrantStreamEvent,
  type GrantState,
  type Proposal,
  type ProposalEvent,
  type ReleaseDecision,
  type ReleaseEvents,
  type ProposalState,
} from '../domain';

/**
 * The streams a four-eyes proposal reserved on: always the grant; the fund and the beneficiary's
 * cap only for an approval (a disbursement or correction uses the grant's own commitment).
 */
export interface ReservedStreams {
  readonly grant: Loaded<GrantState>;
  readonly fund: Loaded<FundState> | null;
  readonly beneficiary: Loaded<BeneficiaryState> | null;
}

/** The four-eyes proposal stream (`cofinancing-proposal-<id>`). */
export const proposalModel: StreamModel<ProposalState, ProposalEvent> = {
  initialState: () => ({ status: 'none' }),
  evolve: evolveProposal,
  catalog: proposalCatalog,
};

/**
 * Loading and saving the three kinds of co-financing stream. `run` executes a whole
 * load → decide → save cycle through the repository, which re-runs it on fresh state when another
 * writer got there first (optimistic concurrency on every stream the decision read), with a
 * growing random pause, up to the configured number of attempts (LEDGER_COMMAND_ATTEMPTS) before
 * the conflict is reported. Then it waits until the read models show the command.
 */
@Injectable()
export class CofinancingStreams {
  constructor(private readonly runtime: LedgerRuntime) {}

  loadFund(fundId: string): Promise<Loaded<FundState>> {
    return this.runtime.repository.load(fundStreamId(fundId), fundModel);
  }

  loadBeneficiary(beneficiaryId: string): Promise<Loaded<BeneficiaryState>> {
    return this.runtime.repository.load(beneficiaryStreamId(beneficiaryId), beneficiaryModel);
  }

  loadGrant(grantId: string): Promise<Loaded<GrantState>> {
    return this.runtime.repository.load(grantStreamId(grantId), grantModel);
  }

  loadProposal(proposalId: string): Promise<Loaded<ProposalState>> {
    return this.runtime.repository.load(proposalStreamId(proposalId), proposalModel);
  }

  proposalChange(
    stream: Loaded<ProposalState>,
    events: readonly ProposalEvent[],
  ): Change<ProposalState, ProposalEvent> {
    return { stream, model: proposalModel, events };
  }

  fundChange(stream: Loaded<FundState>, events: readonly FundStreamEvent[]): Change<FundState, FundStreamEvent> {
    return { stream, model: fundModel, events };
  }

  beneficiaryChange(
    stream: Loaded<BeneficiaryState>,
    events: readonly BeneficiaryStreamEvent[],
  ): Change<BeneficiaryState, BeneficiaryStreamEvent> {
    return { stream, model: beneficiaryModel, events };
  }

  grantChange(stream: Loaded<GrantState>, events: readonly GrantStreamEvent[]): Change<GrantState, GrantStreamEvent> {
    return { stream, model: grantModel, events };
  }

  async loadReserved(proposal: Proposal): Promise<ReservedStreams> {
    if (proposal.action !== 'approve-grant')
      return { grant: await this.loadGrant(proposal.grantId), fund: null, beneficiary: null };
    const [grant, fund, beneficiary] = await Promise.all([
      this.loadGrant(proposal.grantId),
      this.loadFund(proposal.fundId),
      this.loadBeneficiary(proposal.beneficiaryId),
    ]);
    return { grant, fund, beneficiary };
  }

  /** The changes that release a proposal's reservations on every stream it reserved on. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  releaseChanges(reserved: ReservedStreams, release: ReleaseEvents): Change<any, any>[] {
    return [
      this.grantChange(reserved.grant, release.grant),
      ...(reserved.fund ? [this.fundChange(reserved.fund, release.fund)] : []),
      ...(reserved.beneficiary ? [this.beneficiaryChange(reserved.beneficiary, release.beneficiary)] : []),
    ];
  }

  /**
   * The recorded event of a stream that a correction names: its id and global position (the
   * first one matching), or null. Streams of one grant are short; this reads the whole stream.
   */
  async findRecorded(
    streamId: string,
    matches: (event: { type: string; data: Record<string, unknown> }) => boolean,
  ): Promise<{ eventId: string; position: string } | null> {
    const events = await this.runtime.store.readStream(streamId);
    const found = events.find((event) => matches({ type: event.type, data: event.data as Record<string, unknown> }));
    return found ? { eventId: found.id, position: found.position.toString() } : null;
  }

  /** Appends every non-empty change in one atomic multi-stream append; returns the global position reached. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  async save(changes: readonly Change<any, any>[], context: CommandContext, date: string): Promise<bigint> {
    return positionOf(await this.runtime.repository.save(withEvents(changes), context, businessTime(date)));
  }

  /**
   * Closure or cancellation: decides on the grant alone, then writes the grant, the fund and the
   * beneficiary's cap together (the fund and cap changes are empty when nothing is released).
   * Returns the position reached and the grant's new events.
   */
  async releaseGrant(
    grantId: string,
    decide: (state: GrantState) => ReleaseDecision,
    context: CommandContext,
    date: string,
  ): Promise<{ position: bigint; grantEvents: readonly GrantStreamEvent[] }> {
    const grant = await this.loadGrant(grantId);
    if (grant.state.status === 'none') throw new GrantNotFound(grantId);
    const decision = decide(grant.state);
    const { fundId, beneficiaryId } = grant.state.request;
    const [fund, beneficiary] = await Promise.all([this.loadFund(fundId), this.loadBeneficiary(beneficiaryId)]);
    const position = await this.save(
      [
        this.grantChange(grant, decision.grant),
        this.fundChange(fund, decision.fund),
        this.beneficiaryChange(beneficiary, decision.beneficiary),
      ],
      context,
      date,
    );
    return { position, grantEvents: decision.grant };
  }

  async run<T extends { position: bigint }>(work: () => Promise<T>): Promise<T> {
    const result = await this.runtime.repository.execute(work);
    await this.runtime.committed(result.position);
    return result;
  }
}
