import type { DataSource } from 'typeorm';
import { majorString } from '@ledger/money';
import {
  BALANCE_AMOUNTS,
  BALANCE_KEYS,
  type BalanceBasis,
  type BalanceRow,
  type BalancesAsOfSource,
} from './balance-row';
import { chunked } from './chunked';
import { csvDecimal, csvWriter, type CsvDialect } from './csv';
import { liveBalanceRows } from './live-balances';

export interface BalanceExportOptions {
  /** A business date 'YYYY-MM-DD': balances as they stood at the end of that day. */
  readonly asOf?: string;
}

/** What an export will contain: where its rows come from, and (for live rows) the read models' position. */
export interface BalanceExportPlan {
  readonly basis: BalanceBasis;
  /** The date the rows are as of (as-of basis only). */
  readonly asOf: string | null;
  /** The date that was asked for, even when the rows could not honour it. */
  readonly asOfRequested: string | null;
  /** The log position the live read models had reached when the export started. */
  readonly readModelsPosition: string | null;
  readonly rows: AsyncIterable<BalanceRow>;
}

export const BALANCE_FIXED_COLUMNS = ['entity', 'id', ...BALANCE_KEYS, 'name', 'status', 'currency'] as const;
export const BALANCE_TRAILING_COLUMNS = ['basis', 'as_of', 'read_models_position'] as const;

/**
 * Balances of every entity as NDJSON or CSV, one row per entity, amounts in major units next to a
 * currency column (CSV) or as `{ amountMinor, currency }` (NDJSON). Rows stream from keyset-paged
 * queries. With an as-of source registered, `asOf` gives the balances at that date; without one
 * the rows come from the live read models and every row says so (`basis: live`).
 */
export class BalanceExport {
  constructor(
    private readonly data: DataSource,
    private readonly readModelsPosition: () => Promise<bigint>,
    private readonly asOfSource: BalancesAsOfSource | null = null,
  ) {}

  async plan(options: BalanceExportOptions = {}): Promise<BalanceExportPlan> {
    const asOfRequested = options.asOf ?? null;
    if (asOfRequested !== null && this.asOfSource) {
      return {
        basis: 'as-of',
        asOf: asOfRequested,
        asOfRequested,
        readModelsPosition: null,
        rows: this.asOfSource.rows(asOfRequested),
      };
    }
    return {
      basis: 'live',
      asOf: null,
      asOfRequested,
      readModelsPosition: (await this.readModelsPosition()).toString(),
      rows: liveBalanceRows(this.data),
    };
  }

  async *ndjson(plan: BalanceExportPlan): AsyncGenerator<string> {
    yield* chunked(
      (async function* () {
        for await (const row of plan.rows) {
          yield `${JSON.stringify({
            entity: row.entity,
            id: row.id,
            ...Object.fromEntries(Object.entries(row.keys).map(([key, value]) => [camel(key), value])),
            name: row.name,
            status: row.status,
            currency: row.currency,
            ...Object.fromEntries(
              Object.entries(row.amounts).map(([key, value]) => [
                camel(key),
                { amountMinor: (value as bigint).toString(), currency: row.currency },
              ]),
            ),
            basis: plan.basis,
            asOf: plan.asOf,
            readModelsPosition: plan.readModelsPosition,
          })}\n`;
        }
      })(),
    );
  }

  /** CSV in a dialect: rfc4180 (default) or excel-fr (BOM, `;`, decimal comma). */
  async *csv(plan: BalanceExportPlan, dialect: CsvDialect = 'rfc4180'): AsyncGenerator<string> {
    const csv = csvWriter(dialect);
    yield* chunked(
      (async function* () {
        yield csv.preamble + csv.row([...BALANCE_FIXED_COLUMNS, ...BALANCE_AMOUNTS, ...BALANCE_TRAILING_COLUMNS]);
        for await (const row of plan.rows) {
          yield csv.row([
            row.entity,
            row.id,
            ...BALANCE_KEYS.map((key) => row.keys[key]),
            row.name,
            row.status,
            row.currency,
            ...BALANCE_AMOUNTS.map((amount) => {
              const value = row.amounts[amount];
              return value === undefined ? null : csvDecimal(majorString(value, row.currency));
            }),
            plan.basis,
            plan.asOf,
            plan.readModelsPosition,
          ]);
        }
      })(),
    );
  }
}

const camel = (snake: string) => snake.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase());
