import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { cursorCodec } from '@ledger/platform';
import { ListBeneficiariesQuery, type BeneficiaryPage } from './list-beneficiaries.query';

/** The list a beneficiaries cursor belongs to; its position is the (name, id) of the last row shown. */
export const BENEFICIARIES_LIST = 'beneficiaries';

const isPosition = (value: unknown): value is [string, string] =>
  Array.isArray(value) && value.length === 2 && value.every((part) => typeof part === 'string');

interface Row {
  beneficiary_id: string;
  name: string;
  kind: string;
  enrolled_on: string;
  member_firms: number;
  women_owned_firms: number;
  women_owned_recorded: number;
}

/** Keyset pages over the beneficiaries read model, ordered by name then id (stable while rows are added). */
@QueryHandler(ListBeneficiariesQuery)
export class ListBeneficiariesHandler implements IQueryHandler<ListBeneficiariesQuery> {
  constructor(private readonly data: DataSource) {}

  async execute({ search, limit, cursor }: ListBeneficiariesQuery): Promise<BeneficiaryPage> {
    const params: unknown[] = [];
    const filters: string[] = [];
    if (search.name !== undefined && search.name.trim() !== '') {
      params.push(`%${search.name.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
      filters.push(`name ILIKE $${params.length}`);
    }
    const matching = filters.length > 0 ? `WHERE ${filters.join(' AND ')}` : '';
    const [{ total }] = (await this.data.query(
      `SELECT count(*)::int AS total FROM cofinancing_beneficiaries ${matching}`,
      params,
    )) as { total: number }[];
    if (cursor !== undefined) {
      const [name, id] = cursorCodec.decode(BENEFICIARIES_LIST, cursor, isPosition);
      params.push(name, id);
      filters.push(
        `(name COLLATE "C", beneficiary_id COLLATE "C") > ($${params.length - 1}::text COLLATE "C", $${params.length}::text COLLATE "C")`,
      );
    }
    params.push(limit + 1);
    const rows = (await this.data.query(
      `SELECT beneficiary_id, name, kind, enrolled_on, member_firms, women_owned_firms, women_owned_recorded
         FROM cofinancing_beneficiaries ${filters.length > 0 ? `WHERE ${filters.join(' AND ')}` : ''}
        ORDER BY name COLLATE "C", beneficiary_id COLLATE "C" LIMIT $${params.length}`,
      params,
    )) as Row[];
    const page = rows.slice(0, limit);
    const items = page.map((row) => ({
      beneficiaryId: row.beneficiary_id,
      name: row.name,
      kind: row.kind,
      enrolledOn: row.enrolled_on,
      memberFirms: row.member_firms,
      womenOwnedFirms: row.women_owned_firms,
      womenOwnershipRecorded: row.women_owned_recorded,
    }));
    return rows.length > limit
      ? {
          items,
          total,
          nextCursor: cursorCodec.encode(BENEFICIARIES_LIST, [page.at(-1)!.name, page.at(-1)!.beneficiary_id]),
        }
      : { items, total };
  }
}
