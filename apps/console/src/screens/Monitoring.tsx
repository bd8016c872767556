import { useMemo } from 'react';
import type { ChartConfiguration } from 'chart.js';
import { api } from '../api';
import { formatBp, formatMoney, type MoneyJson } from '../money';
import { Card, ChartCanvas, Loading, Problem, Stat, useLoad } from '../ui';

interface Ratio {
  ratio: string;
  decimal: string;
}
interface Report {
  readModelsPosition: string;
  cofinancing: {
    currency: string;
    grantsApproved: number;
    networksReached: number;
    firmsReached: number;
    subsidy: MoneyJson;
    subsidyPerFirm: MoneyJson;
    privateCofinancingPerUnitOfSubsidy: Ratio | null;
    effectiveRateByParticipationYear: {
      participationYear: number;
      effectiveRateBp: number | null;
      grantsApproved: number;
    }[];
  }[];
  guarantees: {
    currency: string;
    companies: number;
    guaranteesIssued: number;
    creditMobilised: MoneyJson;
    guaranteeFund: MoneyJson;
    creditPerUnitOfGuaranteeFund: Ratio | null;
    callRate: { bp: number | null } | null;
    recoveryRate: { bp: number | null } | null;
  }[];
}

/** The monitoring report as charts: the subsidy rate by participation year, and leverage. */
export function Monitoring() {
  const report = useLoad(() => api.get<Report>('/audit/monitoring'), []);
  const rates = useMemo<ChartConfiguration | null>(() => {
    if (!report.data) return null;
    const years = [
      ...new Set(
        report.data.cofinancing.flatMap((c) => c.effectiveRateByParticipationYear.map((y) => y.participationYear)),
      ),
    ].sort((a, b) => a - b);
    const colors = ['#1f5f99', '#c77c02', '#2f8f46', '#7a3e9d'];
    return {
      type: 'bar',
      data: {
        labels: years.map((y) => `Year ${y}`),
        datasets: report.data.cofinancing.map((c, i) => ({
          label: `Effective subsidy rate, ${c.currency} (%)`,
          data: years.map((y) => {
            const bp = c.effectiveRateByParticipationYear.find((r) => r.participationYear === y)?.effectiveRateBp;
            return bp === null || bp === undefined ? null : bp / 100;
          }),
          backgroundColor: colors[i % colors.length],
        })),
      },
      options: {
        scales: { y: { min: 0, max: 100, title: { display: true, text: '%' } } },
        plugins: { legend: { position: 'bottom' } },
      },
    };
  }, [report.data]);
  const leverage = useMemo<ChartConfiguration | null>(() => {
    if (!report.data) return null;
    return {
      type: 'bar',
      data: {
        labels: report.data.guarantees.map((g) => g.currency),
        datasets: [
          {
            label: 'Credit mobilised per unit of guarantee fund',
            data: report.data.guarantees.map((g) =>
              g.creditPerUnitOfGuaranteeFund ? Number(g.creditPerUnitOfGuaranteeFund.decimal) : null,
            ),
            backgroundColor: '#1f5f99',
          },
        ],
      },
      options: { indexAxis: 'y', plugins: { legend: { position: 'bottom' } }, scales: { x: { min: 0 } } },
    };
  }, [report.data]);

  if (report.error) return <Problem error={report.error} />;
  if (!report.data || !rates || !leverage) return <Loading loading />;
  return (
    <div className="grid">
      <Card title="Subsidy rate by participation year">
        <ChartCanvas config={rates} label="Effective subsidy rate by participation year of the beneficiaries" />
        {report.data.cofinancing.map((c) => (
          <table key={c.currency}>
            <caption>{c.currency}</caption>
            <thead>
              <tr>
                <th scope="col">Participation year</th>
                <th scope="col">Grants</th>
                <th scope="col">Effective rate</th>
              </tr>
            </thead>
            <tbody>
              {c.effectiveRateByParticipationYear.map((y) => (
                <tr key={y.participationYear}>
                  <th scope="row">{y.participationYear}</th>
                  <td className="num">{y.grantsApproved}</td>
                  <td className="num">{formatBp(y.effectiveRateBp)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
      </Card>
      <Card title="Leverage of the guarantee funds">
        <ChartCanvas config={leverage} label="Credit mobilised per unit of guarantee fund, by currency" height={160} />
        {report.data.guarantees.map((g) => (
          <dl className="stats" key={g.currency}>
            <Stat label={`Credit mobilised (${g.currency})`} value={formatMoney(g.creditMobilised)} />
            <Stat label="Guarantee fund" value={formatMoney(g.guaranteeFund)} />
            <Stat
              label="Leverage"
              value={g.creditPerUnitOfGuaranteeFund ? `× ${g.creditPerUnitOfGuaranteeFund.decimal}` : '—'}
            />
            <Stat label="Call rate" value={formatBp(g.callRate?.bp)} />
            <Stat label="Recovery rate" value={formatBp(g.recoveryRate?.bp)} />
          </dl>
        ))}
      </Card>
      <Card title="Reach and efficiency" wide>
        {report.data.cofinancing.map((c) => (
          <dl className="stats" key={c.currency}>
            <Stat label="Grants approved" value={c.grantsApproved} />
            <Stat label="Networks reached" value={c.networksReached} />
            <Stat label="Firms reached" value={c.firmsReached} />
            <Stat label="Subsidy" value={formatMoney(c.subsidy)} />
            <Stat label="Subsidy per firm" value={formatMoney(c.subsidyPerFirm)} />
            <Stat
              label="Private co-financing per unit of subsidy"
              value={c.privateCofinancingPerUnitOfSubsidy ? c.privateCofinancingPerUnitOfSubsidy.decimal : '—'}
            />
          </dl>
        ))}
        <p>
          <small>Read models at log position {report.data.readModelsPosition}.</small>
        </p>
      </Card>
    </div>
  );
}
