import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { newKey, type AuthHeaders } from '@ledger/testing';

/** A guarantee company with one member and one convention (and one guaranteed loan) at each bank. */
export const xof = (amountMinor: string | number) => ({ amountMinor: String(amountMinor), currency: 'XOF' });

export async function setUpGuarantees(app: INestApplication, officer: AuthHeaders, banks: readonly string[]) {
  const post = (path: string, body: object) =>
    request(app.getHttpServer()).post(path).set(officer).set(newKey()).send(body);
  const company = (
    await post('/guarantee-companies', { name: 'SCM de Thiès', currency: 'XOF', registeredOn: '2008-01-15' }).expect(
      201,
    )
  ).body.companyId as string;
  const member = (
    await post(`/guarantee-companies/${company}/members`, { name: 'GIE Céréales', admittedOn: '2008-02-01' }).expect(
      201,
    )
  ).body.memberId as string;
  await post(`/guarantee-companies/${company}/members/${member}/capital-subscriptions`, {
    amount: xof(100_000),
    subscribedOn: '2008-02-01',
  }).expect(201);
  await post(`/guarantee-companies/${company}/members/${member}/capital-payments`, {
    amount: xof(100_000),
    paidOn: '2008-02-15',
  }).expect(201);
  await post(`/guarantee-companies/${company}/fund-deposits`, {
    bankId: banks[0],
    amount: xof(340_000_000),
    termDepositReference: 'DAT-2008-001',
    depositedOn: '2008-03-01',
    maturesOn: '2011-03-01',
  }).expect(201);
  const conventions: Record<string, string> = {};
  const guarantees: Record<string, string> = {};
  for (const bankId of banks) {
    conventions[bankId] = (
      await post('/bank-conventions', {
        companyId: company,
        bankId,
        multiplier: '1000000000/340000000',
        coverageRateBp: 5000,
        ceilingBasis: 'loan-principal',
        validFrom: '2008-04-01',
        validUntil: '2010-12-31',
        signedOn: '2008-03-20',
      }).expect(201)
    ).body.conventionId as string;
    guarantees[bankId] = (
      await post(`/bank-conventions/${conventions[bankId]}/guarantees`, {
        memberId: member,
        loanReference: `${bankId}/2008/001`,
        principal: xof(10_000_000),
        loanStartDate: '2008-05-01',
        maturityDate: '2010-05-01',
        issuedOn: '2008-05-01',
      }).expect(201)
    ).body.guaranteeId as string;
  }
  return { company, member, conventions, guarantees };
}
