import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { testPrincipals, type AuthHeaders } from '@ledger/testing';

/** Small helpers for the co-financing e2e suites: the Moroccan consortium fund set up through HTTP. */

export const madJson = (major: number) => ({ amountMinor: (BigInt(major) * 100n).toString(), currency: 'MAD' });

export const promotionScheduleJson = {
  effectiveFrom: '2021-01-01',
  years: [
    { rateBp: 7500, cap: madJson(200_000) },
    { rateBp: 6000, cap: madJson(200_000) },
    { rateBp: 5000, cap: madJson(200_000) },
  ],
  afterLastYear: { rule: 'ineligible' },
};

const fundManagers = new WeakMap<INestApplication, AuthHeaders>();

/** Creates the test principals on the app (call once, after init); `post` and `get` act as the fund manager. */
export async function authenticate(app: INestApplication): Promise<void> {
  fundManagers.set(app, (await testPrincipals(app)).fundManager);
}

export function fundManager(app: INestApplication): AuthHeaders {
  const headers = fundManagers.get(app);
  if (!headers) throw new Error('call authenticate(app) first');
  return headers;
}

export function get(app: INestApplication, path: string) {
  return request(app.getHttpServer()).get(path).set(fundManager(app));
}

export function post(app: INestApplication, path: string, body: object, key?: string) {
  // Every command needs a key: the one the test gives (to repeat a command), else a new one.
  return request(app.getHttpServer())
    .post(path)
    .set(fundManager(app))
    .set('Idempotency-Key', key ?? randomUUID())
    .send(body);
}

export function put(app: INestApplication, path: string, body: object, key?: string) {
  return request(app.getHttpServer())
    .put(path)
    .set(fundManager(app))
    .set('Idempotency-Key', key ?? randomUUID())
    .send(body);
}

export async function head(app: INestApplication): Promise<string> {
  const response = await request(app.getHttpServer()).get('/health').expect(200);
  return response.body.headPosition as string;
}

export async function setUpFund(app: INestApplication, contributedMajor: number) {
  const fund = await post(app, '/cofinancing/funds', {
    name: "Fonds d'appui aux consortiums d'exportation",
    currency: 'MAD',
    createdOn: '2021-01-01',
  }).expect(201);
  const fundId = fund.body.fundId as string;
  const donor = await post(app, `/cofinancing/funds/${fundId}/donors`, {
    name: 'Ministère du commerce extérieur',
    registeredOn: '2021-01-01',
  }).expect(201);
  const donorId = donor.body.donorId as string;
  await post(app, `/cofinancing/funds/${fundId}/contributions`, {
    donorId,
    amount: madJson(contributedMajor),
    receivedOn: '2021-01-10',
    reference: 'CONV-2021-01',
  }).expect(201);
  const window = await post(app, `/cofinancing/funds/${fundId}/windows`, {
    name: 'Promotion costs',
    supportKind: 'consortium-promotion',
    openedOn: '2021-01-01',
    schedule: promotionScheduleJson,
  }).expect(201);
  return { fundId, donorId, windowId: window.body.windowId as string };
}

export async function enrolConsortium(app: INestApplication, name = 'Consortium Fonoon Vitargan') {
  const response = await post(app, '/cofinancing/beneficiaries', {
    name,
    kind: 'export-consortium',
    enrolledOn: '2021-03-15',
    memberFirms: [
      { name: 'Coopérative Tifawin', womenOwned: true },
      { name: 'Atlas Argan', womenOwned: false },
      { name: 'Souss Cosmétiques' },
    ],
  }).expect(201);
  return response.body.beneficiaryId as string;
}

export async function requestGrant(
  app: INestApplication,
  ids: { fundId: string; windowId: string; beneficiaryId: string },
  eligibleMajor: number,
  requestedOn: string,
) {
  const response = await post(app, '/cofinancing/grants', {
    fundId: ids.fundId,
    windowId: ids.windowId,
    beneficiaryId: ids.beneficiaryId,
    serviceProvider: 'Maroc Export',
    description: 'Stand at a trade fair',
    eligibleCost: madJson(eligibleMajor),
    requestedOn,
  }).expect(201);
  return response.body.grantId as string;
}
