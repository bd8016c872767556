import request from 'supertest';
import { testPrincipals, type AuthHeaders } from '@ledger/testing';
import { issuance, mad, requestGrant, setUpConvention, setUpFund } from '../reliability/ledger-set-ups';
import { LedgerOnKurrentDbFake } from './ledger-on-fake';

/**
 * Round trips to KurrentDB per command through HTTP: the gRPC calls the fake received while one
 * command was answered (read-your-writes included), by method — written to the test output, with no
 * assertion on their number or on time, to compare the adapter's versions. Each command runs twice
 * (the second on warm caches), and an idle interval shows what the service asks of the store alone.
 * The read models are in the embedded PGlite: only the events' store is counted.
 */
describe('round trips to KurrentDB (fake) per command through HTTP', () => {
  const ledger = new LedgerOnKurrentDbFake('embedded');
  beforeAll(() => ledger.start());
  afterAll(() => ledger.stop());

  /**
   * The store port's calls too (the runtime's KurrentDbEventStore, its methods wrapped on the
   * instance), each with the category of the stream it names: which of the gRPC calls is which.
   */
  const portCalls: string[] = [];
  const category = (streamId: unknown) => String(streamId).replace(/-[0-9a-f]{8}-[0-9a-f-]{27}.*$|-[^-]*$/i, '');
  beforeAll(() => {
    const store = ledger.runtime.store as unknown as Record<string, (...args: unknown[]) => unknown>;
    for (const method of [
      'appendToStream',
      'appendToStreams',
      'readStream',
      'streamRevision',
      'readAll',
      'headPosition',
    ]) {
      const original = store[method].bind(store);
      store[method] = (...args: unknown[]) => {
        const [first] = args;
        const what =
          method === 'appendToStreams'
            ? (first as { streamId: string; events: unknown[] }[])
                .map((a) => `${category(a.streamId)}${a.events.length === 0 ? ' (guard)' : ''}`)
                .join(', ')
            : typeof first === 'string'
              ? category(first)
              : '';
        portCalls.push(what ? `${method}(${what})` : method);
        return original(...args);
      };
    }
  });

  const snapshot = () => {
    portCalls.length = 0;
    return new Map(ledger.fake.calls);
  };
  /** The calls since `before`, by method (`Service/Method`), and their total. */
  function since(before: Map<string, number>): Record<string, number> {
    const diff: Record<string, number> = {};
    let total = 0;
    for (const [path, count] of ledger.fake.calls) {
      const delta = count - (before.get(path) ?? 0);
      if (delta === 0) continue;
      const [service, method] = path.split('/').slice(-2);
      diff[`${service.split('.').pop()}/${method}`] = delta;
      total += delta;
    }
    return { ...diff, total };
  }
  async function counted(label: string, send: () => Promise<request.Response>, status: number) {
    const before = snapshot();
    const answer = await send();
    const calls = since(before);
    const port = [...portCalls];
    expect(answer.status).toBe(status);
    expect(answer.headers['x-read-models']).toBe('current');
    return { label, calls, port };
  }

  it('counts the calls of a contribution, a grant approval and a guarantee issuance', async () => {
    const { fundManager: manager, guaranteeOfficer: officer } = await testPrincipals(ledger.app);
    const fund = await setUpFund(ledger.app, manager, 1_000_000);
    const grants = [
      await requestGrant(ledger.app, manager, fund, 40_000, 'Salon 1'),
      await requestGrant(ledger.app, manager, fund, 40_000, 'Salon 2'),
    ];
    const { memberId, conventionId } = await setUpConvention(ledger.app, officer, 1_000_000);
    const post = (as: AuthHeaders, path: string, body: object, key: string) => () =>
      request(ledger.app.getHttpServer()).post(path).set(as).set('Idempotency-Key', key).send(body);

    const idle = snapshot();
    await new Promise((resolve) => setTimeout(resolve, 500));
    const rows = [{ label: 'idle 500 ms', calls: since(idle), port: [...portCalls] }];
    for (const n of [1, 2]) {
      rows.push(
        await counted(
          `contribution #${n} (1 stream)`,
          post(
            manager,
            `/cofinancing/funds/${fund.fundId}/contributions`,
            { donorId: fund.donorId, amount: mad(100), receivedOn: '2021-02-01', reference: `RT-${n}` },
            `rt-contribution-${n}`,
          ),
          201,
        ),
      );
    }
    for (const [n, grantId] of grants.entries()) {
      rows.push(
        await counted(
          `grant approval #${n + 1} (grant, fund, beneficiary)`,
          post(manager, `/cofinancing/grants/${grantId}/approval`, { approvedOn: '2021-06-10' }, `rt-approval-${n}`),
          200,
        ),
      );
    }
    for (const n of [1, 2]) {
      rows.push(
        await counted(
          `guarantee issuance #${n} (convention, company, guarantee, bank loan)`,
          post(
            officer,
            `/bank-conventions/${conventionId}/guarantees`,
            issuance(memberId, `PRET-RT-${n}`, 200_000),
            `rt-issuance-${n}`,
          ),
          201,
        ),
      );
    }
    rows.push(
      await counted(
        'guarantee issuance #1 again (replayed)',
        post(
          officer,
          `/bank-conventions/${conventionId}/guarantees`,
          issuance(memberId, 'PRET-RT-1', 200_000),
          'rt-issuance-1',
        ),
        201,
      ),
    );
    // The counts are this test's output, for comparing the adapter's versions: written, not asserted.
    // eslint-disable-next-line no-console
    console.log(
      'KurrentDB round trips per command (gRPC calls received by the fake):\n' +
        rows.map((row) => `  ${row.label}: ${JSON.stringify(row.calls)}\n    port: ${row.port.join('; ')}`).join('\n'),
    );
    for (const row of rows.slice(1)) expect(row.calls.total).toBeGreaterThan(0);
  });
});
