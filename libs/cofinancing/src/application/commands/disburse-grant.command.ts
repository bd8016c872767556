import type { MoneyJson } from '@ledger/money';
import type { DisburseGrant, DisbursementSubjects } from '../../domain';
import type { ProposalPending } from '@ledger/four-eyes';
import { CofinancingCommand } from './cofinancing.command';

export interface DisbursementAnswer {
  readonly grantId: string;
  readonly disbursementId: string;
  readonly paid: MoneyJson;
  readonly rule: 'effective-rate' | 'commitment-left' | 'remainder';
  readonly invoicedTotal: MoneyJson;
  readonly disbursedTotal: MoneyJson;
  readonly commitmentLeft: MoneyJson;
}

export class DisburseGrantCommand extends CofinancingCommand<
  DisburseGrant,
  DisbursementAnswer | ProposalPending<DisbursementSubjects>
> {}
