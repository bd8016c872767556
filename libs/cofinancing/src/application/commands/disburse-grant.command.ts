import type { MoneyJson } from '@ledger/money';
import type { DisburseGrant } from '../../domain';
import type { ProposalPendingAnswer } from './approve-grant.command';
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
  DisbursementAnswer | ProposalPendingAnswer
> {}
