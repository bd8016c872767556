import type { ProposalPending } from '@ledger/four-eyes';
import type { IssuanceSubjects, IssueGuarantee } from '../../domain';
import type { MoneyView } from './command-support';
import { GuaranteesCommand } from './guarantees.command';

export interface GuaranteeIssuance {
  readonly guaranteeId: string;
  readonly conventionId: string;
  readonly guaranteedAmount: MoneyView;
  /** What the loan adds to the outstanding under the convention's ceiling basis. */
  readonly exposure: MoneyView;
  readonly capacity: MoneyView;
  /** Outstanding and headroom after the issuance. */
  readonly outstanding: MoneyView;
  readonly headroom: MoneyView;
}

/** The guarantee id is the handler's (from the Idempotency-Key): a retried issuance finds the one it made. */
export class IssueGuaranteeCommand extends GuaranteesCommand<
  Omit<IssueGuarantee, 'guaranteeId'>,
  GuaranteeIssuance | ProposalPending<IssuanceSubjects>
> {}
