import { Command } from '@nestjs/cqrs';
import type { CommandContext } from '@ledger/event-sourcing';
import type { CommandReceipt } from './command-support';

export interface MemberAdmission extends CommandReceipt {
  readonly companyId: string;
  readonly memberId: string;
}

export class AdmitMemberCommand extends Command<MemberAdmission> {
  constructor(
    readonly companyId: string,
    readonly input: { readonly name: string; readonly admittedOn: string },
    readonly context: CommandContext,
  ) {
    super();
  }
}
