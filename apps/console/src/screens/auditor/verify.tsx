import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useMutation, useQuery } from '@tanstack/react-query';
import { api, q } from '../../api';
import { useFormat } from '../../locale';
import { Badge, Card, DataState, ErrorNotice, PageTitle, Stat, Stats } from '../../ui/kit';

interface Verification {
  readonly ok: boolean;
  readonly eventsChecked: number;
  readonly headPosition: string;
  readonly checkpointsVerified: number;
  readonly trust: string;
  readonly firstBroken: {
    readonly position: string;
    readonly streamId: string | null;
    readonly revision: string | null;
    readonly eventId: string | null;
    readonly reason: string;
  } | null;
  readonly evidence: string;
  readonly limits: readonly string[];
}

interface Checkpoints {
  readonly publicKey: string | null;
  readonly checkpoints: readonly {
    readonly position: string;
    readonly ledgerDigest: string;
    readonly keyId: string;
    readonly signature: string;
    readonly createdAt: string;
  }[];
}

const PINNED = 'ledger-console-pinned-public-key';
const TRUST_KEYS: Record<string, string> = {
  'pinned public key': 'pinned',
  'this installation’s signing key': 'installation',
  'no key: signatures not checked': 'none',
};

/** Why the check failed: the log itself, or only the checkpoints' signatures (another key, a bad signature). */
const brokenKind = (reason: string) =>
  /is signed by key/.test(reason)
    ? 'otherKey'
    : /signature .* does not verify/.test(reason)
      ? 'badSignature'
      : 'broken';

const samePem = (a: string, b: string) => a.replace(/\s+/g, '') === b.replace(/\s+/g, '');

/**
 * Tamper evidence: the auditor pins the installation's public key once (received out of band; kept
 * in this browser), the console says whether the server's key is that one, and the whole log is
 * checked — positions, hash chains and the signed checkpoints against the pinned key.
 */
export function Verify() {
  const { t } = useTranslation('auditor');
  const format = useFormat();
  const [pinned, setPinned] = useState<string>(() => localStorage.getItem(PINNED) ?? '');
  const [draft, setDraft] = useState('');
  const [draftProblem, setDraftProblem] = useState<string | null>(null);
  const checkpoints = useQuery({
    queryKey: ['audit-checkpoints'],
    queryFn: () => api.get<Checkpoints>('/audit/checkpoints'),
  });
  const verification = useMutation({
    mutationFn: (publicKey: string) =>
      api.get<Verification>(`/audit/verification${q({ publicKey: publicKey || undefined })}`),
  });

  const pin = () => {
    const pem = draft.replace(/\r\n?/g, '\n').trim();
    if (!/^-----BEGIN PUBLIC KEY-----[\s\S]+-----END PUBLIC KEY-----$/.test(pem)) {
      setDraftProblem(t('verify.notAKey'));
      return;
    }
    localStorage.setItem(PINNED, `${pem}\n`);
    setPinned(`${pem}\n`);
    setDraft('');
    setDraftProblem(null);
    verification.reset();
  };
  const unpin = () => {
    localStorage.removeItem(PINNED);
    setPinned('');
    verification.reset();
  };

  const report = verification.data;
  return (
    <>
      <PageTitle>{t('verify.title')}</PageTitle>
      <p>{t('verify.intro')}</p>
      <div className="grid">
        <Card title={t('verify.pinnedKey')}>
          {pinned ? (
            <>
              <pre className="audit-key" aria-label={t('verify.pinnedKey')}>
                {pinned.trim()}
              </pre>
              <DataState query={checkpoints}>
                {(data) =>
                  data.publicKey === null ? (
                    <p>
                      <Badge tone="warn">{t('verify.serverHasNoKey')}</Badge>
                    </p>
                  ) : samePem(data.publicKey, pinned) ? (
                    <p>
                      <Badge tone="good">{t('verify.keyMatches')}</Badge>
                    </p>
                  ) : (
                    <p>
                      <Badge tone="bad">{t('verify.keyDiffers')}</Badge>
                    </p>
                  )
                }
              </DataState>
              <div className="actions">
                <button type="button" onClick={unpin}>
                  {t('verify.unpin')}
                </button>
              </div>
            </>
          ) : (
            <p>{t('verify.noPinnedKey')}</p>
          )}
          <div className="field">
            <label htmlFor="audit-pin">{pinned ? t('verify.replaceKey') : t('verify.pasteKey')}</label>
            <textarea
              id="audit-pin"
              rows={4}
              value={draft}
              onChange={(e) => setDraft(e.target.value)}
              placeholder="-----BEGIN PUBLIC KEY-----"
              aria-invalid={draftProblem ? true : undefined}
              aria-describedby={draftProblem ? 'audit-pin-error' : 'audit-pin-hint'}
            />
            <div id="audit-pin-hint" className="hint">
              {t('verify.pinHint')}
            </div>
            {draftProblem ? (
              <p id="audit-pin-error" className="field-error" role="alert">
                {draftProblem}
              </p>
            ) : null}
          </div>
          <div className="actions">
            <button type="button" onClick={pin} disabled={!draft.trim()}>
              {t('verify.pin')}
            </button>
          </div>
        </Card>

        <Card title={t('verify.check')}>
          <p>{pinned ? t('verify.checkWithPinned') : t('verify.checkWithoutPinned')}</p>
          <div className="actions">
            <button
              type="button"
              className="primary"
              disabled={verification.isPending}
              onClick={() => verification.mutate(pinned.trim())}
            >
              {verification.isPending ? t('verify.running') : t('verify.run')}
            </button>
          </div>
          <ErrorNotice error={verification.error} />
          {report ? (
            <div className={report.ok ? 'audit-verdict good' : 'audit-verdict bad'} role="status">
              <p>
                <strong>
                  {report.ok
                    ? t('verify.valid', { head: format.integer(BigInt(report.headPosition)) })
                    : t(`verify.${brokenKind(report.firstBroken?.reason ?? '')}`, {
                        position: format.integer(BigInt(report.firstBroken?.position ?? '0')),
                      })}
                </strong>
              </p>
              <Stats>
                <Stat label={t('verify.eventsChecked')} value={format.integer(report.eventsChecked)} />
                <Stat label={t('verify.headPosition')} value={format.integer(BigInt(report.headPosition))} />
                <Stat label={t('verify.checkpointsVerified')} value={format.integer(report.checkpointsVerified)} />
                <Stat
                  label={t('verify.trust')}
                  value={t(`verify.trusts.${TRUST_KEYS[report.trust] ?? 'none'}`)}
                  tone={report.trust === 'pinned public key' ? 'good' : undefined}
                />
              </Stats>
              {report.firstBroken ? (
                <div className="audit-broken">
                  <p>
                    {t('verify.firstBroken', {
                      position: report.firstBroken.position,
                      stream: report.firstBroken.streamId ?? '—',
                      revision: report.firstBroken.revision ?? '—',
                    })}{' '}
                    {report.firstBroken.position !== '0' ? (
                      <Link to={`../events/${report.firstBroken.position}`}>{t('verify.openBroken')}</Link>
                    ) : null}
                  </p>
                  <p>
                    {t('verify.reason')} <code lang="en">{report.firstBroken.reason}</code>
                  </p>
                </div>
              ) : null}
              {report.limits.length ? (
                <>
                  <p>{t('verify.limits')}</p>
                  <ul lang="en">
                    {report.limits.map((limit) => (
                      <li key={limit}>{limit}</li>
                    ))}
                  </ul>
                </>
              ) : null}
            </div>
          ) : null}
          {report?.ok && report.trust !== 'pinned public key' ? <p className="hint">{t('verify.pinAdvice')}</p> : null}
        </Card>

        <Card title={t('verify.checkpoints')} wide>
          <DataState
            query={checkpoints}
            isEmpty={(data) => data.checkpoints.length === 0}
            empty={t('verify.noCheckpoints')}
          >
            {(data) => (
              <table className="data">
                <caption>{t('verify.checkpointsCaption')}</caption>
                <thead>
                  <tr>
                    <th scope="col" className="num">
                      {t('event.position')}
                    </th>
                    <th scope="col">{t('verify.createdAt')}</th>
                    <th scope="col">{t('verify.keyId')}</th>
                    <th scope="col">{t('verify.digest')}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.checkpoints.map((c) => (
                    <tr key={c.position}>
                      <td className="num" data-label={t('event.position')}>
                        {format.integer(BigInt(c.position))}
                      </td>
                      <td data-label={t('verify.createdAt')}>{format.dateTime(c.createdAt)}</td>
                      <td data-label={t('verify.keyId')}>
                        <code>{c.keyId}</code>
                      </td>
                      <td data-label={t('verify.digest')}>
                        <code title={c.ledgerDigest}>{c.ledgerDigest.slice(0, 16)}…</code>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </DataState>
          <DataState query={checkpoints}>
            {(data) =>
              data.publicKey ? (
                <details>
                  <summary>{t('verify.serverKey')}</summary>
                  <p>{t('verify.serverKeyHint')}</p>
                  <pre className="audit-key">{data.publicKey.trim()}</pre>
                </details>
              ) : null
            }
          </DataState>
        </Card>
      </div>
    </>
  );
}
