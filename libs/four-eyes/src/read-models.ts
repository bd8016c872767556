import type { ContextReadModels } from '@ledger/platform';
import type { FourEyesContext } from './four-eyes-action';
import { CreateLedgerProposals1765000000000 } from './read-model/1765000000000-create-ledger-proposals';
import { ProposalsProjection } from './read-model/proposals.projection';

/** The `ledger_proposals` read model of the contexts given (it reads their older proposal events too). */
export function proposalReadModels(contexts: readonly FourEyesContext[]): ContextReadModels {
  return {
    entities: [],
    migrations: [CreateLedgerProposals1765000000000],
    projections: [new ProposalsProjection(contexts.map((context) => context.legacy))],
  };
}
