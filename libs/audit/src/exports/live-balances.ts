import type { DataSource } from 'typeorm';
import type { CurrencyCode } from '@ledger/money';
import type { BalanceAmount, BalanceRow } from './balance-row';

type Row = Record<string, string | number | null>;

interface KeysetQuery {
  readonly table: string;
  /** The primary key, in order: pages are `WHERE (keys) > (last keys) ORDER BY keys LIMIT n`. */
  readonly keys: readonly string[];
  readonly select?: string;
  readonly from?: string;
}

/**
 * A table read page by page in primary-key order (keyset pagination): each page is one short
 * query, memory holds one page, and the database never has to skip rows the way OFFSET does.
 */
export async function* keysetRows(data: DataSource, query: KeysetQuery, pageSize = 500): AsyncGenerator<Row> {
  const keys = query.keys.map((key) => `t.${key}`).join(', ');
  let last: (string | number | null)[] | null = null;
  for (;;) {
    const where: string = last ? `WHERE (${keys}) > (${query.keys.map((_, index) => `$${index + 1}`).join(', ')})` : '';
    const rows: Row[] = await data.query(
      `SELECT ${query.select ?? 't.*'} FROM ${query.from ?? `${query.table} t`} ${where}
        ORDER BY ${keys} LIMIT ${pageSize}`,
      last ?? [],
    );
    yield* rows;
    if (rows.length < pageSize) return;
    const tail = rows[rows.length - 1];
    last = query.keys.map((key) => tail[key]);
  }
}

const big = (value: unknown): bigint => BigInt(String(value ?? '0'));
const text = (value: unknown): string => String(value);

function amounts(row: Row, columns: readonly BalanceAmount[]): Partial<Record<BalanceAmount, bigint>> {
  return Object.fromEntries(columns.map((column) => [column, big(row[column])]));
}

/**
 * Balances as the live read models hold them now: every fund, window, donor, beneficiary ×
 * window × participation year, guarantee company, bank convention and guarantee.
 */
export async function* liveBalanceRows(data: DataSource): AsyncGenerator<BalanceRow> {
  for await (const row of keysetRows(data, { table: 'cofinancing_funds', keys: ['fund_id'] })) {
    const [contributed, committed, disbursed] = [big(row.contributed), big(row.committed), big(row.disbursed)];
    yield {
      entity: 'fund',
      id: text(row.fund_id),
      keys: { fund_id: text(row.fund_id) },
      name: text(row.name),
      status: null,
      currency: row.currency as CurrencyCode,
      amounts: {
        contributed,
        committed,
        disbursed,
        available: contributed - committed,
        outstanding_commitments: committed - disbursed,
        released: big(row.released),
      },
    };
  }
  for await (const row of keysetRows(data, { table: 'cofinancing_windows', keys: ['window_id'] })) {
    yield {
      entity: 'window',
      id: text(row.window_id),
      keys: { fund_id: text(row.fund_id), window_id: text(row.window_id) },
      name: text(row.name),
      status: null,
      currency: row.currency as CurrencyCode,
      amounts: {
        ...amounts(row, ['committed', 'disbursed', 'released']),
        outstanding_commitments: big(row.committed) - big(row.disbursed),
      },
    };
  }
  for await (const row of keysetRows(data, { table: 'cofinancing_donors', keys: ['fund_id', 'donor_id'] })) {
    yield {
      entity: 'donor',
      id: text(row.donor_id),
      keys: { fund_id: text(row.fund_id), donor_id: text(row.donor_id) },
      name: text(row.name),
      status: null,
      currency: row.currency as CurrencyCode,
      amounts: amounts(row, ['contributed']),
    };
  }
  for await (const row of keysetRows(data, {
    table: 'cofinancing_beneficiary_years',
    keys: ['beneficiary_id', 'window_id', 'participation_year'],
    select: 't.*, b.name',
    from: 'cofinancing_beneficiary_years t LEFT JOIN cofinancing_beneficiaries b ON b.beneficiary_id = t.beneficiary_id',
  })) {
    yield {
      entity: 'beneficiary-year',
      id: `${text(row.beneficiary_id)}/${text(row.window_id)}/${text(row.participation_year)}`,
      keys: {
        fund_id: text(row.fund_id),
        window_id: text(row.window_id),
        beneficiary_id: text(row.beneficiary_id),
        participation_year: Number(row.participation_year),
      },
      name: row.name === null ? null : text(row.name),
      status: null,
      currency: row.currency as CurrencyCode,
      amounts: amounts(row, ['eligible_cost', 'subsidy', 'own_share', 'invoiced', 'disbursed', 'released']),
    };
  }
  for await (const row of keysetRows(data, { table: 'guarantee_companies', keys: ['company_id'] })) {
    yield {
      entity: 'company',
      id: text(row.company_id),
      keys: { company_id: text(row.company_id) },
      name: text(row.name),
      status: null,
      currency: row.currency as CurrencyCode,
      amounts: amounts(row, [
        'capital_subscribed',
        'capital_paid',
        'fund_deposited',
        'fund_withdrawn',
        'fund_balance',
        'credit_mobilised',
        'outstanding_principal',
        'guaranteed_outstanding',
        'claims_called',
        'claims_paid',
        'recoveries',
      ]),
    };
  }
  for await (const row of keysetRows(data, { table: 'guarantee_conventions', keys: ['convention_id'] })) {
    yield {
      entity: 'convention',
      id: text(row.convention_id),
      keys: { company_id: text(row.company_id), convention_id: text(row.convention_id), bank_id: text(row.bank_id) },
      name: null,
      status: text(row.status),
      currency: row.currency as CurrencyCode,
      amounts: amounts(row, [
        'fund_balance',
        'capacity',
        'outstanding',
        'headroom',
        'credit_mobilised',
        'outstanding_principal',
        'guaranteed_outstanding',
        'claims_called',
        'claims_paid',
        'recoveries',
      ]),
    };
  }
  for await (const row of keysetRows(data, { table: 'guarantees', keys: ['guarantee_id'] })) {
    yield {
      entity: 'guarantee',
      id: text(row.guarantee_id),
      keys: {
        company_id: text(row.company_id),
        convention_id: text(row.convention_id),
        bank_id: text(row.bank_id),
        member_id: text(row.member_id),
      },
      name: text(row.loan_reference),
      status: text(row.status),
      currency: row.currency as CurrencyCode,
      amounts: {
        ...amounts(row, ['principal', 'guaranteed_amount', 'outstanding_principal', 'guaranteed_outstanding']),
        claims_called: big(row.claim_amount),
        claims_paid: big(row.claim_paid),
        recoveries: big(row.recovered),
      },
    };
  }
}
