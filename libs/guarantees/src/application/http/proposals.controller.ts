import { deprecatedProposalsController } from '@ledger/four-eyes';

/**
 * `/guarantees/proposals`: the guarantees proposal routes before `/proposals`, answering as they
 * did for one release, with `Deprecation: true` and their successor in `Link`.
 */
export const GuaranteeProposalsController = deprecatedProposalsController({
  context: 'guarantees',
  path: 'guarantees/proposals',
  tag: 'mutual guarantee: four-eyes proposals (deprecated: use /proposals)',
});
