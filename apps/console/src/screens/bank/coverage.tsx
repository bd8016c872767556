import { useId, useState, type FormEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { api, q } from '../../api';
import { useFormat } from '../../locale';
import { useMe } from '../../shell';
import { Card, ErrorNotice, Loading, Money, PageTitle, Rate, Stat, Stats } from '../../ui/kit';
import { LoanStateBadge, bankPath, type BankLoan } from './model';

/**
 * Is a loan covered? Looked up by its reference (the API reads it whatever its case and spaces);
 * the reference stays in the URL (`?ref=`) so Back and reload keep the answer.
 */
export function CoverageLookup() {
  const { t } = useTranslation('bank');
  const { bankId } = useMe();
  const [params, setParams] = useSearchParams();
  const reference = params.get('ref') ?? '';
  const [typed, setTyped] = useState(reference);
  const [blank, setBlank] = useState(false);
  const id = useId();
  const lookup = useQuery({
    queryKey: ['bank', bankId, 'coverage', reference],
    queryFn: () => api.get<BankLoan>(`${bankPath(bankId)}/loan-coverage${q({ loanReference: reference })}`),
    enabled: reference !== '',
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const value = typed.trim();
    setBlank(value === '');
    if (value === '') return;
    setParams({ ref: value });
  };

  return (
    <>
      <PageTitle>{t('coverage.title')}</PageTitle>
      <div className="grid">
        <Card title={t('coverage.formTitle')}>
          <form
            className="command-form"
            role="search"
            aria-label={t('coverage.formTitle')}
            onSubmit={submit}
            noValidate
          >
            <div className="field">
              <label htmlFor={id}>{t('coverage.reference')}</label>
              <input
                id={id}
                type="text"
                autoComplete="off"
                value={typed}
                placeholder={t('coverage.placeholder')}
                onChange={(e) => setTyped(e.target.value)}
                aria-invalid={blank ? true : undefined}
                aria-describedby={`${id}-hint${blank ? ` ${id}-error` : ''}`}
              />
              <div id={`${id}-hint`} className="hint">
                {t('coverage.referenceHint')}
              </div>
              {blank ? (
                <p id={`${id}-error`} className="field-error" role="alert">
                  {t('common:validation.required')}
                </p>
              ) : null}
            </div>
            <div className="actions">
              <button type="submit" className="primary">
                {t('coverage.submit')}
              </button>
            </div>
          </form>
        </Card>
        {reference === '' ? null : lookup.isPending ? (
          <Loading />
        ) : lookup.isError ? (
          <ErrorNotice error={lookup.error} retry={() => void lookup.refetch()} />
        ) : (
          <CoverageAnswer loan={lookup.data} />
        )}
      </div>
    </>
  );
}

function CoverageAnswer(props: { loan: BankLoan }) {
  const { t } = useTranslation('bank');
  const format = useFormat();
  const { loan } = props;
  if (loan.state === 'not-guaranteed') {
    // Not an error, not a success either: a plain notice.
    return (
      <div role="status" className="bank-notice warn">
        <strong>{t('coverage.notGuaranteedTitle', { reference: loan.loanReference })}</strong>
        <p>{t('coverage.notGuaranteed')}</p>
      </div>
    );
  }
  const d = loan.default;
  return (
    <Card title={t('coverage.loanTitle', { reference: loan.loanReference })} wide>
      <div role="status" className={loan.covered ? 'bank-notice good' : 'bank-notice'}>
        <LoanStateBadge state={loan.state} /> {loan.covered ? t('coverage.covered') : t('coverage.notCovered')}
      </div>
      <Stats>
        <Stat label={t('loan.coverageRate')} value={<Rate bp={loan.coverageRateBp} />} />
        <Stat label={t('loan.principal')} value={<Money value={loan.principal} />} />
        <Stat label={t('loan.guaranteedAmount')} value={<Money value={loan.guaranteedAmount} />} />
        <Stat
          label={d ? t('loan.outstandingAtDefault') : t('loan.outstanding')}
          value={<Money value={loan.outstandingPrincipal} />}
        />
        <Stat label={t('loan.coverage')} value={<Money value={loan.guaranteedOutstanding} />} />
        <Stat label={t('loan.issuedOn')} value={format.date(loan.issuedOn)} />
        <Stat label={t('loan.maturityDate')} value={format.date(loan.maturityDate)} />
        {loan.releasedOn ? <Stat label={t('loan.releasedOn')} value={format.date(loan.releasedOn)} /> : null}
      </Stats>
      {d ? (
        <>
          <h3>{t('coverage.defaultTitle')}</h3>
          <Stats>
            <Stat label={t('loan.calledOn')} value={format.date(d.calledOn)} />
            <Stat label={t('loan.claim')} value={<Money value={d.claim} />} />
            <Stat
              label={t('loan.claimPaid')}
              value={
                <>
                  <Money value={d.claimPaid} />
                  {d.claimLastPaidOn ? (
                    <small> {t('coverage.lastOn', { date: format.date(d.claimLastPaidOn) })}</small>
                  ) : null}
                </>
              }
            />
            <Stat
              label={t('loan.claimLeftToPay')}
              value={<Money value={d.claimLeftToPay} />}
              tone={BigInt(d.claimLeftToPay.amountMinor) > 0n ? 'bad' : undefined}
            />
            <Stat
              label={t('loan.recovered')}
              value={
                <>
                  <Money value={d.recovered} />
                  {d.lastRecoveredOn ? (
                    <small> {t('coverage.lastOn', { date: format.date(d.lastRecoveredOn) })}</small>
                  ) : null}
                </>
              }
            />
          </Stats>
        </>
      ) : null}
    </Card>
  );
}
