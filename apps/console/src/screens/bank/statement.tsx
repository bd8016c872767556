import { useId, useState, type FormEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { api, ApiError, q } from '../../api';
import { useFormat } from '../../locale';
import type { MoneyJson } from '../../money';
import { useMe } from '../../shell';
import { Badge, Card, DataState, Empty, PageTitle, Stat, Stats } from '../../ui/kit';
import { CONVENTION_TONE, useBankConventions } from './conventions';
import {
  LoanStateBadge,
  bankPath,
  csvAmount,
  csvPercent,
  totals,
  type BankConvention,
  type BankLoan,
  type Headroom,
} from './model';
import { Totals, useBankLoans } from './portfolio';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const today = () => new Date().toISOString().slice(0, 10);

interface ConventionLine {
  readonly convention: BankConvention;
  readonly headroom: Headroom;
}

/**
 * The bank's statement as of a date (`?asOf=` in the URL): its conventions (capacity, outstanding,
 * headroom on that date) and its loans (as they stood then) with totals; printable and downloadable.
 */
export function Statement() {
  const { t } = useTranslation('bank');
  const format = useFormat();
  const { bankId } = useMe();
  const [params, setParams] = useSearchParams();
  const asked = params.get('asOf') ?? '';
  const asOf = ISO_DATE.test(asked) ? asked : '';
  const [typed, setTyped] = useState(asOf || today());
  const [invalid, setInvalid] = useState(false);
  const dateId = useId();

  const conventions = useBankConventions();
  const lines = useQuery({
    queryKey: ['bank', bankId, 'statement-conventions', asOf],
    enabled: asOf !== '' && conventions.isSuccess,
    queryFn: async (): Promise<ConventionLine[]> => {
      const found = await Promise.all(
        (conventions.data ?? []).map(async (convention) => {
          try {
            const headroom = await api.get<Headroom>(
              `${bankPath(bankId)}/conventions/${encodeURIComponent(convention.conventionId)}/headroom${q({ asOf })}`,
            );
            return { convention, headroom };
          } catch (error) {
            // Not yet signed (or not yet recorded) on that date: not on the statement.
            if (error instanceof ApiError && error.status === 404) return null;
            throw error;
          }
        }),
      );
      return found.filter((line): line is ConventionLine => line !== null && line.headroom.status !== 'not-signed');
    },
  });
  const loans = useBankLoans(asOf || undefined);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const ok = ISO_DATE.test(typed);
    setInvalid(!ok);
    if (ok) setParams({ asOf: typed });
  };

  return (
    <>
      <PageTitle
        actions={
          asOf && lines.isSuccess && loans.isSuccess ? (
            <>
              <button type="button" onClick={() => window.print()}>
                {t('common:action.print')}
              </button>
              <button
                type="button"
                onClick={() =>
                  downloadCsv(
                    `releve-${bankId ?? ''}-${asOf}.csv`,
                    statementCsv(t, bankId ?? '', asOf, lines.data, loans.data),
                  )
                }
              >
                {t('statement.downloadCsv')}
              </button>
            </>
          ) : undefined
        }
      >
        {t('statement.title')}
      </PageTitle>
      <form
        className="command-form no-print bank-date-form"
        onSubmit={submit}
        noValidate
        aria-label={t('statement.formTitle')}
      >
        <div className="field">
          <label htmlFor={dateId}>{t('statement.asOf')}</label>
          <input
            id={dateId}
            type="date"
            value={typed}
            max={today()}
            onChange={(e) => setTyped(e.target.value)}
            aria-invalid={invalid ? true : undefined}
            aria-describedby={invalid ? `${dateId}-error` : undefined}
          />
          {invalid ? (
            <p id={`${dateId}-error`} className="field-error" role="alert">
              {t('common:validation.date')}
            </p>
          ) : null}
        </div>
        <div className="actions">
          <button type="submit" className="primary">
            {t('statement.submit')}
          </button>
        </div>
      </form>
      {asOf === '' ? (
        <Empty>{t('statement.pickDate')}</Empty>
      ) : (
        <DataState query={conventions}>
          {() => (
            <DataState query={lines}>
              {(conventionLines) => (
                <DataState query={loans}>
                  {(loanRows) => (
                    <section
                      className="bank-statement"
                      aria-label={t('statement.heading', { bank: bankId, date: format.date(asOf) })}
                    >
                      <h2>{t('statement.heading', { bank: bankId, date: format.date(asOf) })}</h2>
                      <p className="hint">{t('statement.printedOn', { date: format.date(today()) })}</p>
                      <Stats>
                        <Stat label={t('statement.conventionCount')} value={format.integer(conventionLines.length)} />
                        <Stat label={t('statement.loanCount')} value={format.integer(loanRows.length)} />
                        <Stat
                          label={t('portfolio.outstanding')}
                          value={<Totals amounts={totals(loanRows.map((l) => l.outstandingPrincipal))} />}
                        />
                        <Stat
                          label={t('portfolio.coverage')}
                          value={<Totals amounts={totals(loanRows.map((l) => l.guaranteedOutstanding))} />}
                        />
                        <Stat
                          label={t('portfolio.claimLeftToPay')}
                          value={<Totals amounts={totals(loanRows.map((l) => l.default?.claimLeftToPay))} />}
                        />
                      </Stats>
                      <ConventionsTable lines={conventionLines} />
                      <LoansTable loans={loanRows} />
                    </section>
                  )}
                </DataState>
              )}
            </DataState>
          )}
        </DataState>
      )}
    </>
  );
}

function ConventionsTable(props: { lines: readonly ConventionLine[] }) {
  const { t } = useTranslation('bank');
  const format = useFormat();
  const h = {
    company: t('conventions.company'),
    status: t('conventions.status'),
    capacity: t('conventions.capacity'),
    outstanding: t('conventions.outstanding'),
    headroom: t('conventions.headroom'),
  };
  return (
    <Card title={t('statement.conventions')} wide>
      {props.lines.length === 0 ? (
        <Empty>{t('statement.noConventions')}</Empty>
      ) : (
        <table className="data">
          <caption>{t('statement.conventions')}</caption>
          <thead>
            <tr>
              <th scope="col">{h.company}</th>
              <th scope="col">{h.status}</th>
              <th scope="col" className="num">
                {h.capacity}
              </th>
              <th scope="col" className="num">
                {h.outstanding}
              </th>
              <th scope="col" className="num">
                {h.headroom}
              </th>
            </tr>
          </thead>
          <tbody>
            {props.lines.map(({ convention, headroom }) => (
              <tr key={convention.conventionId}>
                <td data-label={h.company}>{convention.companyName ?? convention.companyId}</td>
                <td data-label={h.status}>
                  <Badge tone={CONVENTION_TONE[headroom.status]}>
                    {t(`conventionStatus.${headroom.status}`, { defaultValue: headroom.status })}
                  </Badge>
                </td>
                <td data-label={h.capacity} className="num">
                  {format.money(headroom.capacity)}
                </td>
                <td data-label={h.outstanding} className="num">
                  {format.money(headroom.outstanding)}
                </td>
                <td data-label={h.headroom} className="num">
                  {format.money(headroom.headroom)}
                </td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row" colSpan={2}>
                {t('statement.total')}
              </th>
              <td data-label={h.capacity} className="num">
                <Totals amounts={totals(props.lines.map((l) => l.headroom.capacity))} />
              </td>
              <td data-label={h.outstanding} className="num">
                <Totals amounts={totals(props.lines.map((l) => l.headroom.outstanding))} />
              </td>
              <td data-label={h.headroom} className="num">
                <Totals amounts={totals(props.lines.map((l) => l.headroom.headroom))} />
              </td>
            </tr>
          </tfoot>
        </table>
      )}
    </Card>
  );
}

function LoansTable(props: { loans: readonly BankLoan[] }) {
  const { t } = useTranslation('bank');
  const format = useFormat();
  const amount = (m: MoneyJson | null | undefined) => (m ? format.money(m) : '—');
  const columns: { key: string; header: string; money: (l: BankLoan) => MoneyJson | null | undefined }[] = [
    { key: 'principal', header: t('loan.principal'), money: (l) => l.principal },
    { key: 'outstanding', header: t('loan.outstanding'), money: (l) => l.outstandingPrincipal },
    { key: 'coverage', header: t('loan.coverage'), money: (l) => l.guaranteedOutstanding },
    { key: 'claim', header: t('loan.claim'), money: (l) => l.default?.claim },
    { key: 'paid', header: t('loan.claimPaid'), money: (l) => l.default?.claimPaid },
    { key: 'left', header: t('loan.claimLeftToPay'), money: (l) => l.default?.claimLeftToPay },
    { key: 'recovered', header: t('loan.recovered'), money: (l) => l.default?.recovered },
  ];
  return (
    <Card title={t('statement.loans')} wide>
      {props.loans.length === 0 ? (
        <Empty>{t('statement.noLoans')}</Empty>
      ) : (
        <table className="data">
          <caption>{t('statement.loans')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('loan.reference')}</th>
              <th scope="col">{t('loan.state')}</th>
              {columns.map((c) => (
                <th key={c.key} scope="col" className="num">
                  {c.header}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {props.loans.map((loan) => (
              <tr key={loan.guaranteeId ?? loan.loanReference}>
                <td data-label={t('loan.reference')}>{loan.loanReference}</td>
                <td data-label={t('loan.state')}>
                  <LoanStateBadge state={loan.state} />
                </td>
                {columns.map((c) => (
                  <td key={c.key} data-label={c.header} className="num">
                    {amount(c.money(loan))}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row" colSpan={2}>
                {t('statement.total')}
              </th>
              {columns.map((c) => (
                <td key={c.key} data-label={c.header} className="num">
                  <Totals amounts={totals(props.loans.map(c.money))} />
                </td>
              ))}
            </tr>
          </tfoot>
        </table>
      )}
    </Card>
  );
}

type Translate = (key: string, options?: Record<string, unknown>) => string;

/** The statement as CSV (semicolons, as spreadsheets in French expect; amounts as plain decimals). */
function statementCsv(
  t: Translate,
  bankId: string,
  asOf: string,
  lines: readonly ConventionLine[],
  loans: readonly BankLoan[],
): string {
  const cell = (value: string | number | null | undefined) => {
    const text = value === null || value === undefined ? '' : String(value);
    return /[";\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  const row = (...cells: (string | number | null | undefined)[]) => cells.map(cell).join(';');
  const out = [
    row(t('statement.csv.bank'), bankId),
    row(t('statement.csv.asOf'), asOf),
    '',
    row(
      t('statement.csv.conventionId'),
      t('conventions.company'),
      t('conventions.status'),
      t('statement.csv.currency'),
      t('conventions.capacity'),
      t('conventions.outstanding'),
      t('conventions.headroom'),
    ),
    ...lines.map(({ convention, headroom }) =>
      row(
        convention.conventionId,
        convention.companyName ?? convention.companyId,
        headroom.status,
        headroom.capacity.currency,
        csvAmount(headroom.capacity),
        csvAmount(headroom.outstanding),
        csvAmount(headroom.headroom),
      ),
    ),
    '',
    row(
      t('loan.reference'),
      t('loan.state'),
      t('statement.csv.currency'),
      `${t('loan.coverageRate')} (%)`,
      t('loan.principal'),
      t('loan.outstanding'),
      t('loan.coverage'),
      t('loan.claim'),
      t('loan.claimPaid'),
      t('loan.claimLeftToPay'),
      t('loan.recovered'),
    ),
    ...loans.map((l) =>
      row(
        l.loanReference,
        l.state,
        l.principal?.currency,
        l.coverageRateBp === undefined ? '' : csvPercent(l.coverageRateBp),
        csvAmount(l.principal),
        csvAmount(l.outstandingPrincipal),
        csvAmount(l.guaranteedOutstanding),
        csvAmount(l.default?.claim),
        csvAmount(l.default?.claimPaid),
        csvAmount(l.default?.claimLeftToPay),
        csvAmount(l.default?.recovered),
      ),
    ),
    ...totals(loans.map((l) => l.outstandingPrincipal)).map((outstanding) => {
      const of = (pick: (l: BankLoan) => MoneyJson | null | undefined) =>
        csvAmount(
          totals(loans.map(pick)).find((m) => m.currency === outstanding.currency) ?? {
            amountMinor: '0',
            currency: outstanding.currency,
          },
        );
      return row(
        t('statement.total'),
        '',
        outstanding.currency,
        '',
        of((l) => l.principal),
        of((l) => l.outstandingPrincipal),
        of((l) => l.guaranteedOutstanding),
        of((l) => l.default?.claim),
        of((l) => l.default?.claimPaid),
        of((l) => l.default?.claimLeftToPay),
        of((l) => l.default?.recovered),
      );
    }),
  ];
  return `${out.join('\r\n')}\r\n`;
}

/** Hands a text file to the browser (UTF-8 with a BOM, so spreadsheets read the accents). */
function downloadCsv(filename: string, text: string) {
  const url = URL.createObjectURL(new Blob(['\uFEFF', text], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
