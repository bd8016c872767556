import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, q } from '../../api';
import { useFormat } from '../../locale';
import { useMe } from '../../shell';
import { Card, DataState, Money, PageTitle, Rate, Stat, Stats } from '../../ui/kit';
import { DataTable, byAmount, byNumber, byText, type Column } from '../../ui/table';
import { LoanStateBadge, bankPath, totals, type BankLoan } from './model';

/** Every loan of the bank, by issuing date (all pages). */
export function useBankLoans(asOf?: string) {
  const { bankId } = useMe();
  return useQuery({
    queryKey: ['bank', bankId, 'loans', asOf ?? 'now'],
    queryFn: () => api.all<BankLoan>(`${bankPath(bankId)}/guarantees${q({ asOf })}`),
  });
}

/** Several amounts (one a currency) on one line each. */
export function Totals(props: { amounts: ReturnType<typeof totals> }) {
  const format = useFormat();
  if (props.amounts.length === 0) return <>—</>;
  return (
    <span className="num">
      {props.amounts.map((money, i) => (
        <span key={money.currency}>
          {i > 0 ? <br /> : null}
          {format.money(money)}
        </span>
      ))}
    </span>
  );
}

/** "Mes prêts garantis": the bank's guaranteed loans with their coverage and, after a default, the claim. */
export function Portfolio() {
  const { t } = useTranslation('bank');
  const format = useFormat();
  const loans = useBankLoans();

  const columns: Column<BankLoan>[] = [
    {
      key: 'reference',
      header: t('loan.reference'),
      cell: (l) => <Link to={`coverage${q({ ref: l.loanReference })}`}>{l.loanReference}</Link>,
      sort: (a, b) => byText(a.loanReference, b.loanReference),
    },
    { key: 'state', header: t('loan.state'), cell: (l) => <LoanStateBadge state={l.state} /> },
    {
      key: 'issued',
      header: t('loan.issuedOn'),
      cell: (l) => format.date(l.issuedOn),
      sort: (a, b) => byText(a.issuedOn, b.issuedOn),
    },
    {
      key: 'outstanding',
      header: t('loan.outstanding'),
      cell: (l) => <Money value={l.outstandingPrincipal} />,
      sort: (a, b) => byAmount(a.outstandingPrincipal?.amountMinor, b.outstandingPrincipal?.amountMinor),
      numeric: true,
    },
    {
      key: 'rate',
      header: t('loan.coverageRate'),
      cell: (l) => <Rate bp={l.coverageRateBp} />,
      sort: (a, b) => byNumber(a.coverageRateBp, b.coverageRateBp),
      numeric: true,
    },
    {
      key: 'covered',
      header: t('loan.coverage'),
      cell: (l) => <Money value={l.guaranteedOutstanding} />,
      sort: (a, b) => byAmount(a.guaranteedOutstanding?.amountMinor, b.guaranteedOutstanding?.amountMinor),
      numeric: true,
    },
    {
      key: 'claim',
      header: t('loan.claim'),
      cell: (l) => (l.default ? <Money value={l.default.claim} /> : '—'),
      sort: (a, b) => byAmount(a.default?.claim.amountMinor, b.default?.claim.amountMinor),
      numeric: true,
    },
    {
      key: 'paid',
      header: t('loan.claimPaid'),
      cell: (l) => (l.default ? <Money value={l.default.claimPaid} /> : '—'),
      numeric: true,
    },
    {
      key: 'left',
      header: t('loan.claimLeftToPay'),
      cell: (l) => (l.default ? <Money value={l.default.claimLeftToPay} /> : '—'),
      sort: (a, b) => byAmount(a.default?.claimLeftToPay.amountMinor, b.default?.claimLeftToPay.amountMinor),
      numeric: true,
    },
    {
      key: 'recovered',
      header: t('loan.recovered'),
      cell: (l) => (l.default ? <Money value={l.default.recovered} /> : '—'),
      numeric: true,
    },
  ];

  return (
    <>
      <PageTitle>{t('portfolio.title')}</PageTitle>
      <DataState query={loans} isEmpty={(rows) => rows.length === 0} empty={t('portfolio.empty')}>
        {(rows) => (
          <div className="grid">
            <Card title={t('portfolio.summary')} wide>
              <Stats>
                <Stat label={t('portfolio.loans')} value={format.integer(rows.length)} />
                <Stat label={t('portfolio.covered')} value={format.integer(rows.filter((l) => l.covered).length)} />
                <Stat
                  label={t('portfolio.outstanding')}
                  value={<Totals amounts={totals(rows.map((l) => l.outstandingPrincipal))} />}
                />
                <Stat
                  label={t('portfolio.coverage')}
                  value={<Totals amounts={totals(rows.map((l) => l.guaranteedOutstanding))} />}
                />
                <Stat
                  label={t('portfolio.claimLeftToPay')}
                  value={<Totals amounts={totals(rows.map((l) => l.default?.claimLeftToPay))} />}
                />
                <Stat
                  label={t('portfolio.recovered')}
                  value={<Totals amounts={totals(rows.map((l) => l.default?.recovered))} />}
                />
              </Stats>
            </Card>
            <Card title={t('portfolio.tableTitle')} wide>
              <p className="hint">{t('portfolio.searchHint')}</p>
              <div className="bank-scroll">
                <DataTable
                  id="loans"
                  caption={t('portfolio.caption')}
                  columns={columns}
                  rows={rows}
                  rowKey={(l) => l.guaranteeId ?? l.loanReference}
                  filterText={(l) => l.loanReference}
                  empty={t('portfolio.empty')}
                />
              </div>
            </Card>
          </div>
        )}
      </DataState>
    </>
  );
}
