import { Query } from '@nestjs/cqrs';
import type { AsOfInput, AsOfStamp } from '@ledger/event-sourcing';
import type { MoneyAsOf } from '../as-of';
import type { GuaranteesReadModel } from './guarantees.read-model';

/** The headroom now, from the live read models. */
export type ConventionHeadroomView = Awaited<ReturnType<GuaranteesReadModel['conventionHeadroom']>>;

/** The same figures as of a business date (as known at a record time), stamped with that point. */
export interface ConventionHeadroomAsOfView extends AsOfStamp {
  readonly conventionId: string;
  readonly bankId: string;
  readonly companyId: string;
  /** On the date asked: not-signed, not-yet-in-force, in-force, expired or terminated. */
  readonly status: string;
  /** Only a convention in force on the date takes new guarantees. */
  readonly openForIssuance: boolean;
  readonly validFrom: string;
  readonly validUntil: string;
  readonly multiplier: { readonly ratio: string; readonly decimal: string };
  readonly ceilingBasis: string;
  readonly fundBalance: MoneyAsOf;
  readonly capacity: MoneyAsOf;
  readonly outstanding: MoneyAsOf;
  readonly headroom: MoneyAsOf;
}

/** A bank's convention headroom; with `at`, as of that point (GET …/headroom?asOf=&knownAt=). */
export class GetConventionHeadroomQuery extends Query<ConventionHeadroomView | ConventionHeadroomAsOfView> {
  constructor(
    readonly bankId: string,
    readonly conventionId: string,
    readonly at: AsOfInput | null = null,
  ) {
    super();
  }
}
