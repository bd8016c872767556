import { EventCatalog } from '@ledger/kernel';
import { beneficiaryDefinitions, type BeneficiaryEvent } from './beneficiary/events';
import { fundDefinitions, type FundEvent } from './fund/events';
import { grantDefinitions, type GrantEvent } from './grant/events';

/**
 * The events of the co-financing context, one stable type string each. Three kinds of stream:
 *   cofinancing-fund-<id>         the fund: currency, donors, contributions, windows and their
 *                                 schedules, commitments taken and released;
 *   cofinancing-beneficiary-<id>  a cluster / network / consortium / cooperative, its member
 *                                 firms, and its cap usage per (window, participation year);
 *   cofinancing-grant-<id>        one grant request from request to closure.
 * An approval appends to all three at once; a closure or cancellation that frees a commitment too.
 */

export type CofinancingEvent = FundEvent | BeneficiaryEvent | GrantEvent;

/** Every event of the context, for projections reading the global log. */
export const cofinancingCatalog = new EventCatalog<CofinancingEvent>([
  ...fundDefinitions,
  ...beneficiaryDefinitions,
  ...grantDefinitions,
]);
