import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { deterministicUuid, type Change, type CommandContext, type Loaded } from '@ledger/event-sourcing';
import { WrongExpectedRevisionError } from '@ledger/event-store';
import { LedgerRuntime } from '@ledger/platform';
import {
  beneficiaryModel,
  beneficiaryStreamId,
  fundModel,
  fundStreamId,
  grantModel,
  grantStreamId,
  type BeneficiaryEvent,
  type BeneficiaryState,
  type FundEvent,
  type FundState,
  type GrantEvent,
  type GrantState,
} from '../domain';

/** A new entity's id: derived from the Idempotency-Key when there is one, so a retried create makes no second entity. */
export function newEntityId(context: CommandContext, kind: string): string {
  return context.idempotencyKey
    ? deterministicUuid(`${context.actor}|${context.idempotencyKey}|${kind}`)
    : randomUUID();
}

/** Business time of an event: the business date at 00:00 UTC. */
export function businessTime(date: string): Date {
  return new Date(`${date}T00:00:00.000Z`);
}

const OUTER_ROUNDS = 6;

/**
 * Loading and saving the three kinds of co-financing stream. `run` executes a whole
 * load → decide → save cycle through the repository, which re-runs it on fresh state when another
 * writer got there first (optimistic concurrency on every stream the decision read); a hot fund
 * under many simultaneous approvals gets a few more rounds, with a growing random pause, before
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

  fundChange(stream: Loaded<FundState>, events: readonly FundEvent[]): Change<FundState, FundEvent> {
    return { stream, model: fundModel, events };
  }

  beneficiaryChange(
    stream: Loaded<BeneficiaryState>,
    events: readonly BeneficiaryEvent[],
  ): Change<BeneficiaryState, BeneficiaryEvent> {
    return { stream, model: beneficiaryModel, events };
  }

  grantChange(stream: Loaded<GrantState>, events: readonly GrantEvent[]): Change<GrantState, GrantEvent> {
    return { stream, model: grantModel, events };
  }

  /** Appends every non-empty change in one atomic multi-stream append; returns the global position reached. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  async save(changes: readonly Change<any, any>[], context: CommandContext, date: string): Promise<bigint> {
    const results = await this.runtime.repository.save(
      changes.filter((change) => change.events.length > 0),
      context,
      businessTime(date),
    );
    return results.reduce((max, result) => (result.position > max ? result.position : max), 0n);
  }

  async run<T extends { position: bigint }>(work: () => Promise<T>): Promise<T> {
    let result: T | undefined;
    for (let round = 1; result === undefined; round++) {
      try {
        result = await this.runtime.repository.execute(work);
      } catch (error) {
        if (!(error instanceof WrongExpectedRevisionError) || round >= OUTER_ROUNDS) throw error;
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 25 * round));
      }
    }
    await this.runtime.committed(result.position);
    return result;
  }
}
