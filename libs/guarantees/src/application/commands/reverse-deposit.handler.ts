import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { findEntry } from '@ledger/event-sourcing';
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
    @Inject(EVENT_STORE) private readonly log: EventStore,
    private readonly fourEyes: FourEyes,
  ) {}

  async execute({ command, context }: ReverseDepositCommand) {
    const deposited = { type: 'guarantees.GuaranteeFundDeposited', field: 'depositId', value: command.depositId };
    const corrects = await findEntry(this.log, streamIds.company(command.companyId), deposited);
    if (corrects)
      return this.fourEyes.run(reverseDepositAction, { ...command, corrects }, { context, on: command.correctedOn });
    // Not found: the company itself, or only its deposit.
    if ((await this.log.streamRevision(streamIds.company(command.companyId))) === null)
      throw new CompanyNotFound(command.companyId);
    throw new DepositNotFound(command.companyId, command.depositId);
  }
}
