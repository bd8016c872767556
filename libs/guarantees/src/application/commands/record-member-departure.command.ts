import { Command } from '@nestjs/cqrs';
import type { CommandContext } from '@ledger/event-sourcing';
import type { CommandReceipt } from './command-support';

export interface MemberDeparture extends CommandReceipt {
  readonly companyId: string;
  readonly memberId: string;
}

export class RecordMemberDepartureCommand extends Command<MemberDeparture> {
  constructor(
    readonly companyId: string,
    readonly input: { readonly memberId: string; readonly leftOn: string },
    readonly context: CommandContext,
  ) {
    super();
  }
}
