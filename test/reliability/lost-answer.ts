import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { LedgerRuntime } from '@ledger/platform';
import { testPrincipals, type AuthHeaders } from '@ledger/testing';
import { issuance, mad, setUpConvention, setUpFund, xof } from './ledger-set-ups';

/**
 * The lost answer, whatever store holds the events: a command is sent with an Idempotency-Key and
 * the client hangs up as soon as its request is written, so it never reads the answer while the
 * server goes on and records the command. Three retries under the same key then all get the same
 * status and the same body, byte for byte, marked replayed; the log holds the command's effect
 * exactly once and the retries append nothing. `betweenRetries` runs before each retry: KurrentDB
 * forgets its event-id dedupe cache there, as a server restart does — which must change nothing,
 * since the ledger never rests on that cache.
 *
 * Call inside a `describe` whose `beforeAll` starts the app listening on 127.0.0.1 (a raw
 * connection is dropped); `ledger()` is read when the tests run.
 */
export interface LostAnswerLedger {
  readonly app: INestApplication;
  readonly betweenRetries?: () => void | Promise<void>;
}

export const COMMAND_RECORDED = 'ledger.CommandRecorded';

/** Events of the log written under an Idempotency-Key, counted by type (the store itself, through `readAll`). */
export async function eventsUnderKey(app: INestApplication, key: string): Promise<Record<string, number>> {
  const { store } = app.get(LedgerRuntime);
  const counts: Record<string, number> = {};
  let after = 0n;
  for (;;) {
    const page = await store.readAll({ afterPosition: after, maxCount: 2000 });
    if (page.length === 0) return counts;
    for (const event of page)
      if (event.metadata.idempotencyKey === key) counts[event.type] = (counts[event.type] ?? 0) + 1;
    after = page[page.length - 1].position;
  }
}

/**
 * Sends a command and hangs up once the request is written, before any answer: resolves when the
 * connection is gone. Fails if an answer arrived first (then it was not lost).
 */
export function sendLosingTheAnswer(
  app: INestApplication,
  as: AuthHeaders,
  path: string,
  body: object,
  key: string,
): Promise<void> {
  const { port } = app.getHttpServer().address() as AddressInfo;
  const payload = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = httpRequest({
      host: '127.0.0.1',
      port,
      path,
      method: 'POST',
      headers: {
        ...as,
        'Content-Type': 'application/json',
        'Content-Length': Buffer.byteLength(payload),
        'Idempotency-Key': key,
      },
    });
    let hungUp = false;
    req.on('response', () => reject(new Error(`${path}: an answer arrived before the client hung up`)));
    req.on('error', (error) => (hungUp ? undefined : reject(error)));
    req.on('close', () => resolve());
    // 'finish': the whole request is handed to the socket; closing it now sends it, then FIN.
    req.on('finish', () => {
      hungUp = true;
      req.destroy();
    });
    req.end(payload);
  });
}

/** Waits (bounded) until the log holds `type` under `key`: the server went on without its client. */
async function recorded(app: INestApplication, key: string, type: string): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (!(await eventsUnderKey(app, key))[type]) {
    if (Date.now() > deadline) throw new Error(`the lost command ${key} was never recorded (${type})`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

export function lostAnswerTests(ledger: () => LostAnswerLedger): void {
  const app = () => ledger().app;
  const head = () => app().get(LedgerRuntime).store.headPosition();
  const post = (as: AuthHeaders, path: string, body: object, key: string) =>
    request(app().getHttpServer()).post(path).set(as).set('Idempotency-Key', key).send(body);

  /** The lost command, then three retries (each after `betweenRetries`): their answers. */
  async function loseThenRetry(as: AuthHeaders, path: string, body: object, key: string, type: string) {
    expect(await eventsUnderKey(app(), key)).toEqual({});
    await sendLosingTheAnswer(app(), as, path, body, key);
    await recorded(app(), key, type);
    const written = await head();
    const retries: request.Response[] = [];
    for (let i = 0; i < 3; i++) {
      await ledger().betweenRetries?.();
      retries.push(await post(as, path, body, key));
    }
    for (const retry of retries) {
      expect(retry.headers['idempotent-replayed']).toBe('true');
      expect(retry.status).toBe(retries[0].status);
      expect(retry.text).toBe(retries[0].text);
    }
    // The retries appended nothing.
    expect(await head()).toBe(written);
    return retries[0];
  }

  it('answers a lost contribution’s three retries with the same status and bytes, and records it once', async () => {
    const { fundManager: manager } = await testPrincipals(app());
    const { fundId, donorId } = await setUpFund(app(), manager, 1_000);
    const body = { donorId, amount: mad(250), receivedOn: '2021-02-01', reference: 'LOST-1' };
    const key = 'lost-contribution-1';
    const answer = await loseThenRetry(
      manager,
      `/cofinancing/funds/${fundId}/contributions`,
      body,
      key,
      'cofinancing.ContributionRecorded',
    );
    expect(answer.status).toBe(201);
    expect(answer.body).toMatchObject({ fundId, contributed: mad(1_250), available: mad(1_250) });
    expect(answer.headers['x-log-position']).toBe(answer.body.position);
    expect(await eventsUnderKey(app(), key)).toEqual({ 'cofinancing.ContributionRecorded': 1, [COMMAND_RECORDED]: 1 });
    // The read model counts it once.
    const fund = await request(app().getHttpServer())
      .get(`/cofinancing/funds/${fundId}`)
      .set(manager)
      .set('X-Min-Position', answer.body.position as string);
    expect(fund.status).toBe(200);
    expect(fund.body.contributed).toEqual(mad(1_250));
  });

  it('answers a lost guarantee issuance (four streams) the same way three times, and records it once', async () => {
    const { guaranteeOfficer: officer } = await testPrincipals(app());
    const { memberId, conventionId } = await setUpConvention(app(), officer, 1_000_000);
    const key = 'lost-issuance-1';
    const answer = await loseThenRetry(
      officer,
      `/bank-conventions/${conventionId}/guarantees`,
      issuance(memberId, 'PRET-LOST-1', 200_000),
      key,
      'guarantees.GuaranteeIssued',
    );
    expect(answer.status).toBe(201);
    expect(answer.body).toMatchObject({ conventionId, guaranteeId: expect.any(String) });
    expect(await eventsUnderKey(app(), key)).toEqual({
      'guarantees.GuaranteeIssued': 1,
      'guarantees.ConventionExposureAdded': 1,
      'guarantees.MemberLoanGuaranteed': 1,
      'guarantees.BankLoanGuaranteed': 1,
      [COMMAND_RECORDED]: 1,
    });
    const convention = await request(app().getHttpServer())
      .get(`/bank-conventions/${conventionId}`)
      .set(officer)
      .set('X-Min-Position', answer.headers['x-log-position'] as string);
    expect(convention.status).toBe(200);
    expect(convention.body).toMatchObject({ outstanding: xof(200_000), headroom: xof(4_800_000) });
  });
}
