import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { newKey, type AuthHeaders } from '@ledger/testing';

/**
 * Set-ups through HTTP that several suites share, whatever store holds the events (the SQL stores,
 * or KurrentDB): one co-financing fund with a window and a consortium, and one mutual guarantee
 * company with a member in good standing and one bank convention.
 */

export const mad = (major: number) => ({ amountMinor: String(BigInt(major) * 100n), currency: 'MAD' });
export const xof = (amount: number) => ({ amountMinor: String(amount), currency: 'XOF' });

/** POSTs and returns the answer's body; anything but 201 fails the set-up, saying why. */
export async function created(
  app: INestApplication,
  as: AuthHeaders,
  path: string,
  body: object,
): Promise<Record<string, string>> {
  const response = await request(app.getHttpServer()).post(path).set(as).set(newKey()).send(body);
  if (response.status !== 201) throw new Error(`set-up ${path}: ${response.status} ${response.text}`);
  return response.body as Record<string, string>;
}

export interface FundSetUp {
  readonly fundId: string;
  readonly donorId: string;
  readonly windowId: string;
  readonly beneficiaryId: string;
}

/** A MAD fund holding `contributedMajor`, a promotion window at 75 % (no practical cap), one consortium. */
export async function setUpFund(
  app: INestApplication,
  manager: AuthHeaders,
  contributedMajor: number,
): Promise<FundSetUp> {
  const { fundId } = await created(app, manager, '/cofinancing/funds', {
    name: 'Fonds chaud',
    currency: 'MAD',
    createdOn: '2021-01-01',
  });
  const { donorId } = await created(app, manager, `/cofinancing/funds/${fundId}/donors`, {
    name: 'Bailleur',
    registeredOn: '2021-01-01',
  });
  await created(app, manager, `/cofinancing/funds/${fundId}/contributions`, {
    donorId,
    amount: mad(contributedMajor),
    receivedOn: '2021-01-10',
    reference: 'C-1',
  });
  const { windowId } = await created(app, manager, `/cofinancing/funds/${fundId}/windows`, {
    name: 'Promotion',
    supportKind: 'consortium-promotion',
    openedOn: '2021-01-01',
    schedule: {
      effectiveFrom: '2021-01-01',
      years: [{ rateBp: 7500, cap: mad(1_000_000_000) }],
      afterLastYear: { rule: 'ineligible' },
    },
  });
  const { beneficiaryId } = await created(app, manager, '/cofinancing/beneficiaries', {
    name: 'Consortium',
    kind: 'export-consortium',
    enrolledOn: '2021-03-15',
    memberFirms: [{ name: 'Firme' }],
  });
  return { fundId, donorId, windowId, beneficiaryId };
}

/** A grant requested on the fund: `eligibleMajor` of eligible cost, 75 % of it as subsidy. */
export async function requestGrant(
  app: INestApplication,
  manager: AuthHeaders,
  fund: FundSetUp,
  eligibleMajor: number,
  description: string,
): Promise<string> {
  const { grantId } = await created(app, manager, '/cofinancing/grants', {
    fundId: fund.fundId,
    windowId: fund.windowId,
    beneficiaryId: fund.beneficiaryId,
    serviceProvider: 'Cabinet',
    description,
    eligibleCost: mad(eligibleMajor),
    requestedOn: '2021-06-01',
  });
  return grantId;
}

export interface ConventionSetUp {
  readonly companyId: string;
  readonly memberId: string;
  readonly conventionId: string;
}

/** An XOF company whose fund holds `depositXof`, a member in good standing, a CNCAS convention at 5/1 on loan principal. */
export async function setUpConvention(
  app: INestApplication,
  officer: AuthHeaders,
  depositXof: number,
): Promise<ConventionSetUp> {
  const { companyId } = await created(app, officer, '/guarantee-companies', {
    name: 'SCM de Kaolack',
    currency: 'XOF',
    registeredOn: '2008-01-15',
  });
  const { memberId } = await created(app, officer, `/guarantee-companies/${companyId}/members`, {
    name: 'GIE des transformatrices',
    admittedOn: '2008-02-01',
  });
  // In good standing: its capital subscribed and paid.
  const member = `/guarantee-companies/${companyId}/members/${memberId}`;
  await created(app, officer, `${member}/capital-subscriptions`, { amount: xof(100_000), subscribedOn: '2008-02-01' });
  await created(app, officer, `${member}/capital-payments`, { amount: xof(100_000), paidOn: '2008-02-15' });
  await created(app, officer, `/guarantee-companies/${companyId}/fund-deposits`, {
    bankId: 'CNCAS',
    amount: xof(depositXof),
    termDepositReference: 'DAT-1',
    depositedOn: '2008-03-01',
  });
  const { conventionId } = await created(app, officer, '/bank-conventions', {
    companyId,
    bankId: 'CNCAS',
    multiplier: '5/1',
    coverageRateBp: 5000,
    ceilingBasis: 'loan-principal',
    validFrom: '2008-04-01',
    validUntil: '2040-12-31',
    signedOn: '2008-03-20',
  });
  return { companyId, memberId, conventionId };
}

/** The body of a guarantee issuance on a convention set up by `setUpConvention`. */
export function issuance(memberId: string, loanReference: string, principalXof: number): object {
  return {
    memberId,
    loanReference,
    principal: xof(principalXof),
    loanStartDate: '2021-05-01',
    maturityDate: '2025-05-01',
    issuedOn: '2021-05-01',
  };
}
