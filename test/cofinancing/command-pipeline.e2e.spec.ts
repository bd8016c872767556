import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { INestApplication } from '@nestjs/common';
import { closeTestApp, testDatabaseKinds, testLedgerConfig } from '@ledger/testing';
import { createApp } from '../../apps/api/src/bootstrap';
import { authenticate, fundManager, get, head, madJson, post, setUpFund } from './cofinancing-api';

/**
 * The command pipeline on the real app: a hot fund takes concurrent contributions without a
 * conflict, and a command sent again under its Idempotency-Key — after a lost answer too — has one
 * effect and gets its first answer back, byte for byte.
 */
for (const kind of testDatabaseKinds()) {
  describe(`the command pipeline through HTTP on ${kind}`, () => {
    let app: INestApplication;
    const { config, dropSchema } = testLedgerConfig(kind);

    beforeAll(async () => {
      app = await createApp(config, { logger: false });
      // Listening on a port of its own: the lost-answer test drops a raw connection.
      await app.listen(0, '127.0.0.1');
      await authenticate(app);
    });
    afterAll(() => closeTestApp(app, dropSchema));

    const contributions = (fundId: string) => `/cofinancing/funds/${fundId}/contributions`;

    /** The fund's read model once it shows `contributed` (answers may leave before it does: bounded wait). */
    async function fundShowing(fundId: string, contributed: object) {
      const deadline = Date.now() + 10_000;
      for (;;) {
        const fund = (await get(app, `/cofinancing/funds/${fundId}`).expect(200)).body;
        if (JSON.stringify(fund.contributed) === JSON.stringify(contributed) || Date.now() > deadline) return fund;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }

    async function contributionCount(fundId: string): Promise<number> {
      const donors = (await get(app, `/cofinancing/funds/${fundId}/donors`).expect(200)).body.items;
      return donors.reduce((sum: number, donor: { contributions: unknown[] }) => sum + donor.contributions.length, 0);
    }

    /** Sends a command and drops the connection as its answer starts to arrive: the client never reads it. */
    function sendLosingTheAnswer(path: string, body: object, key: string): Promise<void> {
      const { port } = app.getHttpServer().address() as AddressInfo;
      const payload = JSON.stringify(body);
      return new Promise((resolve, reject) => {
        const req = httpRequest({
          host: '127.0.0.1',
          port,
          path,
          method: 'POST',
          headers: {
            ...fundManager(app),
            'Content-Type': 'application/json',
            'Content-Length': Buffer.byteLength(payload),
            'Idempotency-Key': key,
          },
        });
        req.on('response', (res) => {
          res.on('error', () => undefined);
          res.destroy();
          req.destroy();
          resolve();
        });
        req.on('error', reject);
        req.end(payload);
      });
    }

    it('takes 100 concurrent contributions to one fund: 100 × 201, no conflict, the exact total', async () => {
      const { fundId, donorId } = await setUpFund(app, 1_000);
      const answers = await Promise.all(
        Array.from({ length: 100 }, (_, i) =>
          post(app, contributions(fundId), {
            donorId,
            amount: madJson(i + 1),
            receivedOn: '2021-02-01',
            reference: `HOT-${i}`,
          }),
        ),
      );
      expect(answers.map((res) => res.status)).toEqual(Array(100).fill(201));
      // 1,000 MAD at set-up, then 1 + 2 + … + 100 = 5,050 MAD.
      const total = madJson(6_050);
      // Each answer is what was recorded: the running total after it, a different one each time.
      const running = answers.map((res) => BigInt(res.body.contributed.amountMinor));
      expect(new Set(running).size).toBe(100);
      expect(running.reduce((max, value) => (value > max ? value : max))).toBe(BigInt(total.amountMinor));
      for (const res of answers) expect(res.body.available).toEqual(res.body.contributed);

      const fund = await fundShowing(fundId, total);
      expect(fund).toMatchObject({ contributed: total, available: total, committed: madJson(0) });
      expect(await contributionCount(fundId)).toBe(101);
    });

    it('answers a lost answer’s three retries with one effect and the same bytes, marked replayed', async () => {
      const { fundId, donorId } = await setUpFund(app, 1_000);
      const body = { donorId, amount: madJson(250), receivedOn: '2021-02-01', reference: 'LOST-1' };
      const before = await head(app);
      await sendLosingTheAnswer(contributions(fundId), body, 'lost-answer-1');
      const written = await head(app);
      expect(BigInt(written)).toBeGreaterThan(BigInt(before));

      const retries = [];
      for (let i = 0; i < 3; i++) retries.push(await post(app, contributions(fundId), body, 'lost-answer-1'));
      for (const res of retries) {
        expect(res.status).toBe(201);
        expect(res.headers['idempotent-replayed']).toBe('true');
        expect(res.text).toBe(retries[0].text);
      }
      expect(retries[0].body).toMatchObject({ fundId, contributed: madJson(1_250), available: madJson(1_250) });
      expect(retries[0].headers['x-log-position']).toBe(retries[0].body.position);
      // One effect: the retries appended nothing, and the fund counts the contribution once.
      expect(await head(app)).toBe(written);
      expect((await fundShowing(fundId, madJson(1_250))).contributed).toEqual(madJson(1_250));
      expect(await contributionCount(fundId)).toBe(2);
    });

    it('gives every retry the first answer byte for byte', async () => {
      const { fundId, donorId } = await setUpFund(app, 1_000);
      const body = { donorId, amount: madJson(40), receivedOn: '2021-02-01', reference: 'RETRY-1' };
      const first = await post(app, contributions(fundId), body, 'retry-1').expect(201);
      expect(first.headers['idempotent-replayed']).toBeUndefined();
      const written = await head(app);
      for (let i = 0; i < 3; i++) {
        const again = await post(app, contributions(fundId), body, 'retry-1').expect(201);
        expect(again.headers['idempotent-replayed']).toBe('true');
        expect(again.text).toBe(first.text);
      }
      expect(await head(app)).toBe(written);
      expect(await contributionCount(fundId)).toBe(2);
    });

    it('refuses the same key with another request: 409, nothing written', async () => {
      const { fundId, donorId } = await setUpFund(app, 1_000);
      const body = { donorId, amount: madJson(70), receivedOn: '2021-02-01', reference: 'REUSED-1' };
      const first = await post(app, contributions(fundId), body, 'reused-1').expect(201);
      const written = await head(app);

      const otherBody = await post(app, contributions(fundId), { ...body, amount: madJson(700) }, 'reused-1').expect(
        409,
      );
      expect(otherBody.body).toMatchObject({ error: 'idempotency-key-reused' });
      const otherRoute = await post(
        app,
        `/cofinancing/funds/${fundId}/donors`,
        { name: 'Another donor', registeredOn: '2021-02-01' },
        'reused-1',
      ).expect(409);
      expect(otherRoute.body).toMatchObject({ error: 'idempotency-key-reused' });

      expect(await head(app)).toBe(written);
      expect((await fundShowing(fundId, madJson(1_070))).contributed).toEqual(madJson(1_070));
      expect(await contributionCount(fundId)).toBe(2);
      // The key still answers its own request with the first answer.
      expect((await post(app, contributions(fundId), body, 'reused-1').expect(201)).text).toBe(first.text);
    });
  });
}
