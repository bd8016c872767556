import { deprecatedProposalsController } from '@ledger/four-eyes';

/**
 * `/cofinancing/proposals`: the co-financing proposal routes before `/proposals`, answering as
 * they did for one release, with `Deprecation: true` and their successor in `Link`.
 */
export const ProposalsController = deprecatedProposalsController({
  context: 'cofinancing',
  path: 'cofinancing/proposals',
  tag: 'cofinancing: four-eyes proposals (deprecated: use /proposals)',
});
