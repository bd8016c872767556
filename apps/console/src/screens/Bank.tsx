import { useState } from 'react';
import { api, q, type ApiError } from '../api';
import { formatBp, formatMoney, type MoneyJson } from '../money';
import { Card, CommandForm, Gauge, Loading, Problem, Stat, useLoad } from '../ui';
import { ConventionTable, type Convention } from './GuaranteeOfficer';

interface Coverage {
  loanReference: string;
  covered: boolean;
  state: string;
  coverageRateBp?: number;
  principal?: MoneyJson;
  outstandingPrincipal?: MoneyJson;
  guaranteedOutstanding?: MoneyJson;
  claim?: MoneyJson | null;
  claimPaid?: MoneyJson;
  maturityDate?: string;
  /** Null unless the loan defaulted (its guarantee was called). */
  default?: {
    calledOn: string;
    outstandingAtDefault: MoneyJson;
    claim: MoneyJson;
    claimPaid: MoneyJson;
    claimLeftToPay: MoneyJson;
    claimLastPaidOn: string | null;
    recovered: MoneyJson;
    lastRecoveredOn: string | null;
  } | null;
}

const STATES: Record<string, string> = {
  active: 'active',
  released: 'released',
  'claim-pending': 'defaulted, claim not yet paid',
  'claim-partially-paid': 'defaulted, claim partly paid',
  'claim-paid': 'defaulted, claim paid',
  'partially-recovered': 'defaulted, claim paid, partly recovered',
  recovered: 'defaulted, claim paid and recovered',
};

/** A bank sees its own conventions and loans: every call names its own bank id, nothing else. */
export function Bank({ bankId }: { bankId: string }) {
  const base = `/banks/${encodeURIComponent(bankId)}`;
  const conventions = useLoad(async () => (await api.all<Convention>(`${base}/conventions`)).items, [bankId]);
  const [coverage, setCoverage] = useState<Coverage | null>(null);
  const [headroom, setHeadroom] = useState<Convention | null>(null);
  const [lookupError, setLookupError] = useState<string | null>(null);

  return (
    <div className="grid">
      <Card title="Loan coverage">
        <CommandForm
          submit="Look up coverage"
          fields={[{ name: 'loanReference', label: 'Loan reference', placeholder: 'e.g. CNCAS/2008/002' }]}
          send={(v) => api.get<Coverage>(`${base}/loan-coverage${q({ loanReference: v.loanReference.trim() })}`)}
          onDone={(r) => setCoverage(r as Coverage)}
        />
        {coverage ? (
          <div role="status" className="outcome">
            <p>
              <strong>{coverage.loanReference}</strong>:{' '}
              {coverage.covered
                ? 'covered'
                : coverage.state === 'not-guaranteed'
                  ? 'not guaranteed by our conventions'
                  : `not covered (${coverage.state})`}
            </p>
            {coverage.state !== 'not-guaranteed' ? (
              <dl className="stats">
                <Stat label="State" value={STATES[coverage.state] ?? coverage.state} />
                <Stat label="Coverage rate" value={formatBp(coverage.coverageRateBp)} />
                <Stat label="Principal" value={formatMoney(coverage.principal)} />
                <Stat label="Outstanding" value={formatMoney(coverage.outstandingPrincipal)} />
                <Stat label="Guaranteed outstanding" value={formatMoney(coverage.guaranteedOutstanding)} />
                <Stat label="Maturity" value={coverage.maturityDate ?? '—'} />
                {coverage.default ? (
                  <>
                    <Stat label="Called on" value={coverage.default.calledOn} />
                    <Stat label="Outstanding at default" value={formatMoney(coverage.default.outstandingAtDefault)} />
                    <Stat label="Claim" value={formatMoney(coverage.default.claim)} />
                    <Stat
                      label="Claim paid"
                      value={`${formatMoney(coverage.default.claimPaid)}${coverage.default.claimLastPaidOn ? ` (last on ${coverage.default.claimLastPaidOn})` : ''}`}
                    />
                    <Stat label="Claim left to pay" value={formatMoney(coverage.default.claimLeftToPay)} />
                    <Stat
                      label="Recovered"
                      value={`${formatMoney(coverage.default.recovered)}${coverage.default.lastRecoveredOn ? ` (last on ${coverage.default.lastRecoveredOn})` : ''}`}
                    />
                  </>
                ) : null}
              </dl>
            ) : null}
          </div>
        ) : null}
      </Card>
      <Card title="Convention headroom">
        <CommandForm
          submit="Show headroom"
          fields={[{ name: 'conventionId', label: 'Convention id' }]}
          send={async (v) => {
            setLookupError(null);
            setHeadroom(null);
            try {
              return await api.get<Convention>(
                `${base}/conventions/${encodeURIComponent(v.conventionId.trim())}/headroom`,
              );
            } catch (error) {
              if ((error as ApiError).status === 404) {
                setLookupError(`Convention ${v.conventionId.trim()}: not found.`);
                return null;
              }
              throw error;
            }
          }}
          onDone={(r) => setHeadroom(r as Convention | null)}
        />
        {lookupError ? (
          <p role="alert" className="problem">
            {lookupError}
          </p>
        ) : null}
        {headroom ? (
          <Gauge
            label={`Outstanding as a share of capacity, convention ${headroom.conventionId}`}
            used={BigInt(headroom.outstanding.amountMinor)}
            capacity={BigInt(headroom.capacity.amountMinor)}
            caption={
              <>
                Capacity {formatMoney(headroom.capacity)}, outstanding {formatMoney(headroom.outstanding)}, headroom{' '}
                <strong>{formatMoney(headroom.headroom)}</strong>
                {headroom.status !== 'in-force' ? ` — ${headroom.status}: no new guarantees under it` : null}
              </>
            }
          />
        ) : null}
      </Card>
      <Card title={`Conventions of ${bankId}`} wide>
        <Problem error={conventions.error} />
        <Loading loading={conventions.loading} />
        {conventions.data ? <ConventionTable conventions={conventions.data} /> : null}
      </Card>
    </div>
  );
}
