import type { ContextReadModels } from '@ledger/platform';
import type { FourEyesContext } from './four-eyes-action';
import { CreateLedgerProposals1765000000000 } from './read-model/1765000000000-create-ledger-proposals';
import { CreateCofinancingProposals1764800000000 } from './read-model/history/1764800000000-create-cofinancing-proposals';
import { ExtendCofinancingProposals1764820000000 } from './read-model/history/1764820000000-extend-cofinancing-proposals';
import { CreateGuaranteesProposals1764910000000 } from './read-model/history/1764910000000-create-guarantees-proposals';
import { ProposalsProjection } from './read-model/proposals.projection';

/** The `ledger_proposals` read model of the contexts given (it reads their older proposal events too). */
export function proposalReadModels(contexts: readonly FourEyesContext[]): ContextReadModels {
  return {
    entities: [],
    // The two tables it replaced, as they were created (landed migrations, unchanged), then the one table.
    migrations: [
      CreateCofinancingProposals1764800000000,
      ExtendCofinancingProposals1764820000000,
      CreateGuaranteesProposals1764910000000,
      CreateLedgerProposals1765000000000,
    ],
    projections: [new ProposalsProjection(contexts.map((context) => context.legacy))],
  };
}
