import { Query } from '@nestjs/cqrs';

export interface BeneficiarySummaryView {
  readonly beneficiaryId: string;
  readonly name: string;
  readonly kind: string;
  readonly enrolledOn: string;
  readonly memberFirms: number;
  readonly womenOwnedFirms: number;
  readonly womenOwnershipRecorded: number;
}

export interface BeneficiaryPage {
  readonly items: BeneficiarySummaryView[];
  /** How many beneficiaries match the search, on every page. */
  readonly total: number;
  /** Present when there may be more: pass it as `cursor` for the next page. */
  readonly nextCursor?: string;
}

/** Beneficiaries by name (then id), optionally those whose name contains `name` (any case), a page at a time. */
export class ListBeneficiariesQuery extends Query<BeneficiaryPage> {
  constructor(
    readonly search: { readonly name?: string },
    readonly limit: number,
    readonly cursor?: string,
  ) {
    super();
  }
}
