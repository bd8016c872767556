import type { MoneyJson } from '@ledger/money';
import type { ReverseDisbursement, DisbursementSubjects } from '../../domain';
import type { ProposalPending } from '@ledger/four-eyes';
import { CofinancingCommand } from './cofinancing.command';

/** What the handler finds itself: the recorded event being corrected. */
export type ReverseDisbursementInput = Omit<ReverseDisbursement, 'corrects'>;

export interface DisbursementReversalAnswer {
  readonly grantId: string;
  readonly disbursementId: string;
  readonly reversed: MoneyJson;
  readonly correctsEventId: string;
  readonly correctsPosition: string;
  /** The right payment recorded in its place, if one was given. */
  readonly replacement: { readonly disbursementId: string; readonly paid: MoneyJson; readonly rule: string } | null;
  readonly invoicedTotal: MoneyJson;
  readonly disbursedTotal: MoneyJson;
  readonly commitmentLeft: MoneyJson;
}

export class ReverseDisbursementCommand extends CofinancingCommand<
  ReverseDisbursementInput,
  DisbursementReversalAnswer | ProposalPending<DisbursementSubjects>
> {}
