import { OffsetListQueryDto } from '@ledger/platform';

/** GET /guarantee-companies: one page of the companies, by name (`?offset=` deprecated). */
export class ListCompaniesQueryDto extends OffsetListQueryDto {}
