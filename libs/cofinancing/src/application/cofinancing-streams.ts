import { Injectable } from '@nestjs/common';
import {
  businessTime,
  positionOf,
  withEvents,
  type Change,
  type CommandContext,
  type Loaded,
} from '@ledger/event-sourcing';
import { LedgerRuntime } from '@ledger/platform';
import {
  beneficiaryModel,
  beneficiaryStreamId,
  fundModel,
  fundStreamId,
  grantModel,
  grantStreamId,
  type BeneficiaryStreamEvent,
  type BeneficiaryState,
  type FundStreamEvent,
  type FundState,
  type GrantStreamEvent,
  type GrantState,
} from '../domain';

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

  /** Appends every non-empty change in one atomic multi-stream append; returns the global position reached. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  async save(changes: readonly Change<any, any>[], context: CommandContext, date: string): Promise<bigint> {
    return positionOf(await this.runtime.repository.save(withEvents(changes), context, businessTime(date)));
  }

  async run<T extends { position: bigint }>(work: () => Promise<T>): Promise<T> {
    const result = await this.runtime.repository.execute(work);
    await this.runtime.committed(result.position);
    return result;
  }
}
