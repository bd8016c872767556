import { canonicalJson } from '@ledger/event-store';
import { auditEventView } from '../history/audit-event.view';
import { EventHistory, type EventFilter } from '../history/event-history';
import { csvWriter, type CsvDialect, type CsvValue } from './csv';
import { DATA_JSON_COLUMN, EVENT_FIXED_COLUMNS, fixedCells, flattenData } from './event-columns';
import { chunked } from './chunked';

export interface EventExportOptions extends EventFilter {
  /** Exclusive: events after this position (default 0). */
  readonly after?: bigint;
  /** Inclusive: up to this position (default: the head when the export starts). */
  readonly upTo?: bigint;
}

/**
 * Events as NDJSON (one `AuditEventView` per line, payload as stored) or CSV (flattened, amounts
 * in major units with a currency column; rfc4180 or excel-fr, see `csv.ts`). Both read the log page by page and produce text as the
 * consumer pulls it, so memory stays flat whatever the size of the log; the stretch exported is
 * pinned to the head at the start, so events appended meanwhile never half-appear.
 */
export class EventExport {
  constructor(private readonly history: EventHistory) {}

  async *ndjson(options: EventExportOptions = {}): AsyncGenerator<string> {
    const upTo = options.upTo ?? (await this.history.headPosition());
    yield* chunked(
      (async function* (history: EventHistory) {
        for await (const event of history.iterate({ ...options, upTo })) {
          yield `${JSON.stringify(auditEventView(event))}\n`;
        }
      })(this.history),
    );
  }

  /**
   * Two passes over the same pinned stretch of the log: the first collects the payload columns
   * (a set bounded by the event schemas, not by the number of events), the second writes rows.
   */
  async *csv(options: EventExportOptions = {}, dialect: CsvDialect = 'rfc4180'): AsyncGenerator<string> {
    const csv = csvWriter(dialect);
    const upTo = options.upTo ?? (await this.history.headPosition());
    const columns = new Map<string, number>();
    for await (const event of this.history.iterate({ ...options, upTo })) {
      for (const [column] of flattenData(event.data)) {
        if (!columns.has(column)) columns.set(column, columns.size);
      }
    }
    const history = this.history;
    yield* chunked(
      (async function* () {
        yield csv.preamble + csv.row([...EVENT_FIXED_COLUMNS, ...columns.keys(), DATA_JSON_COLUMN]);
        for await (const event of history.iterate({ ...options, upTo })) {
          const cells = new Array<CsvValue>(columns.size).fill(null);
          for (const [column, value] of flattenData(event.data)) {
            const index = columns.get(column);
            if (index !== undefined) cells[index] = value;
          }
          yield csv.row([...fixedCells(event), ...cells, canonicalJson(event.data)]);
        }
      })(),
    );
  }
}
