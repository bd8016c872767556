import { useMemo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useFormat } from '../locale';

export interface Column<T> {
  readonly key: string;
  readonly header: string;
  readonly cell: (row: T) => ReactNode;
  /** Makes the column sortable: compare two rows (amounts compare as bigint, never as floats). */
  readonly sort?: (a: T, b: T) => number;
  readonly numeric?: boolean;
}

/**
 * A table with sorting, a text filter and pages, their state in the URL (`?<id>.sort=…`), so Back
 * and reload keep them. Under 640 px each row becomes a card, each cell labelled by its header.
 */
export function DataTable<T>(props: {
  /** Names the table's URL parameters; unique on a screen. */
  id: string;
  caption: string;
  columns: readonly Column<T>[];
  rows: readonly T[];
  rowKey: (row: T) => string;
  /** The text a row is found by (name, reference…); no filter box without it. */
  filterText?: (row: T) => string;
  empty: ReactNode;
  pageSize?: number;
  defaultSort?: { key: string; descending?: boolean };
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const [params, setParams] = useSearchParams();
  const p = (name: string) => `${props.id}.${name}`;
  const sortKey = params.get(p('sort')) ?? props.defaultSort?.key ?? null;
  const descending = (params.get(p('dir')) ?? (props.defaultSort?.descending ? 'desc' : 'asc')) === 'desc';
  const filter = params.get(p('q')) ?? '';
  const pageSize = props.pageSize ?? 20;
  const update = (changes: Record<string, string | null>) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        for (const [name, value] of Object.entries(changes)) {
          if (value === null || value === '') next.delete(p(name));
          else next.set(p(name), value);
        }
        return next;
      },
      { replace: true },
    );

  const rows = useMemo(() => {
    const needle = filter.trim().toLocaleLowerCase();
    const found =
      needle && props.filterText
        ? props.rows.filter((r) => props.filterText!(r).toLocaleLowerCase().includes(needle))
        : [...props.rows];
    const column = props.columns.find((c) => c.key === sortKey);
    if (column?.sort) found.sort((a, b) => (descending ? -1 : 1) * column.sort!(a, b));
    return found;
  }, [props.rows, props.columns, props.filterText, filter, sortKey, descending]);

  const pages = Math.max(1, Math.ceil(rows.length / pageSize));
  const page = Math.min(pages, Math.max(1, Number(params.get(p('page')) ?? '1') || 1));
  const shown = rows.slice((page - 1) * pageSize, page * pageSize);

  return (
    <div className="table-block">
      {props.filterText ? (
        <div className="table-tools">
          <label>
            {t('table.filter')}{' '}
            <input type="search" value={filter} onChange={(e) => update({ q: e.target.value, page: null })} />
          </label>
        </div>
      ) : null}
      {props.rows.length === 0 ? (
        <p className="empty">{props.empty}</p>
      ) : (
        <>
          <table className="data">
            <caption>{props.caption}</caption>
            <thead>
              <tr>
                {props.columns.map((c) => (
                  <th
                    key={c.key}
                    scope="col"
                    className={c.numeric ? 'num' : undefined}
                    aria-sort={c.key === sortKey ? (descending ? 'descending' : 'ascending') : undefined}
                  >
                    {c.sort ? (
                      <button
                        type="button"
                        className="sort"
                        onClick={() =>
                          update({ sort: c.key, dir: c.key === sortKey && !descending ? 'desc' : 'asc', page: null })
                        }
                      >
                        {c.header}
                        <span aria-hidden="true">{c.key === sortKey ? (descending ? ' ▼' : ' ▲') : ' ↕'}</span>
                      </button>
                    ) : (
                      c.header
                    )}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {shown.map((row) => (
                <tr key={props.rowKey(row)}>
                  {props.columns.map((c) => (
                    <td key={c.key} data-label={c.header} className={c.numeric ? 'num' : undefined}>
                      {c.cell(row)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
          {rows.length === 0 ? <p className="empty">{t('table.noMatch')}</p> : null}
          <nav className="pager" aria-label={t('table.pages', { caption: props.caption })}>
            <button type="button" disabled={page <= 1} onClick={() => update({ page: String(page - 1) })}>
              {t('table.previous')}
            </button>
            <span>
              {t('table.range', {
                from: format.integer(rows.length ? (page - 1) * pageSize + 1 : 0),
                to: format.integer(Math.min(rows.length, page * pageSize)),
                total: format.integer(rows.length),
              })}
            </span>
            <button type="button" disabled={page >= pages} onClick={() => update({ page: String(page + 1) })}>
              {t('table.next')}
            </button>
          </nav>
        </>
      )}
    </div>
  );
}

/** Compares amounts of minor units (strings) exactly. */
export const byAmount = (a: string | null | undefined, b: string | null | undefined): number => {
  const x = BigInt(a ?? '0');
  const y = BigInt(b ?? '0');
  return x < y ? -1 : x > y ? 1 : 0;
};
export const byText = (a: string | null | undefined, b: string | null | undefined): number =>
  (a ?? '').localeCompare(b ?? '');
export const byNumber = (a: number | null | undefined, b: number | null | undefined): number => (a ?? 0) - (b ?? 0);
