import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { EventStore } from '@ledger/event-store';
import { FourEyes } from '@ledger/four-eyes';
import { EVENT_STORE } from '@ledger/platform';
import { CompanyNotFound, DepositNotFound, streamIds } from '../../domain';
import { reverseDepositAction } from '../four-eyes/reverse-deposit.action';
import { ReverseDepositCommand } from './reverse-deposit.command';

/**
 * A correction names the GuaranteeFundDeposited event it corrects (found here in the company's
 * stream: its id is the causation id) and carries that deposit's business time, so every
 * convention's capacity and headroom follow as of that date. Under the company's policy it is only
 * proposed (202): see `reverseDepositAction`.
 */
@CommandHandler(ReverseDepositCommand)
export class ReverseDepositHandler implements ICommandHandler<ReverseDepositCommand> {
  constructor(
    private readonly fourEyes: FourEyes,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  async execute({ command, context }: ReverseDepositCommand) {
    const events = await this.store.readStream(streamIds.company(command.companyId));
    if (events.length === 0) throw new CompanyNotFound(command.companyId);
    const deposit = events.find(
      (event) =>
        event.type === 'guarantees.GuaranteeFundDeposited' &&
        (event.data as { depositId?: unknown }).depositId === command.depositId,
    );
    if (!deposit) throw new DepositNotFound(command.companyId, command.depositId);
    const corrects = { eventId: deposit.id, position: deposit.position.toString() };
    return this.fourEyes.run(reverseDepositAction, { ...command, corrects }, { context, on: command.correctedOn });
  }
}
