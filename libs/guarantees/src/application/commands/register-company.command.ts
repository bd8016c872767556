import { Command } from '@nestjs/cqrs';
import type { CommandContext } from '@ledger/event-sourcing';
import type { CurrencyCode } from '@ledger/money';
import type { CommandReceipt } from './command-support';

export interface CompanyRegistration extends CommandReceipt {
  readonly companyId: string;
}

export class RegisterCompanyCommand extends Command<CompanyRegistration> {
  constructor(
    readonly input: {
      readonly name: string;
      readonly currency: CurrencyCode;
      readonly federationId: string | null;
      readonly registeredOn: string;
    },
    readonly context: CommandContext,
  ) {
    super();
  }
}
