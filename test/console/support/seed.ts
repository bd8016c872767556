/**
 * A small, realistic ledger set up through the HTTP API, for the console's browser tests and for
 * a local demo: the Moroccan export-consortium fund (MAD) with two donors, two windows and grants
 * in every state, and the Senegalese mutual guarantee company (XOF) with conventions at two banks.
 */
import { randomUUID } from 'node:crypto';

export interface SeedKeys {
  readonly fundManager: string;
  readonly guaranteeOfficer: string;
}

export interface SeededLedger {
  readonly fundId: string;
  readonly promotionWindowId: string;
  readonly startUpWindowId: string;
  readonly beneficiaryId: string;
  readonly secondBeneficiaryId: string;
  /** Requested, waiting for a decision (the approval queue). */
  readonly pendingGrantIds: readonly string[];
  /** Approved and partly disbursed. */
  readonly openGrantId: string;
  readonly closedGrantId: string;
  readonly companyId: string;
  readonly memberIds: readonly string[];
  /** CNCAS convention and the loans under it. */
  readonly conventionId: string;
  /** The other bank's convention (BICIS), which a CNCAS user must never see. */
  readonly otherConventionId: string;
  readonly activeGuaranteeId: string;
  readonly activeLoanReference: string;
  readonly otherBankLoanReference: string;
}

const mad = (major: number) => ({ amountMinor: (BigInt(major) * 100n).toString(), currency: 'MAD' });
const xof = (major: number) => ({ amountMinor: String(major), currency: 'XOF' });

export function apiClient(baseUrl: string, apiKey: string) {
  const call = async (method: string, path: string, body?: object): Promise<Record<string, unknown>> => {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: {
        Authorization: `Bearer ${apiKey}`,
        'Content-Type': 'application/json',
        // Every command needs one; a new key per call (a retry would resend the same).
        ...(method === 'GET' ? {} : { 'Idempotency-Key': randomUUID() }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path} → ${response.status}: ${text}`);
    return text ? (JSON.parse(text) as Record<string, unknown>) : {};
  };
  return {
    get: (path: string) => call('GET', path),
    post: (path: string, body: object) => call('POST', path, body),
  };
}

/** Users and keys for every role, created by the admin through `/access/...`. */
export async function createConsoleUsers(baseUrl: string, adminKey: string) {
  const admin = apiClient(baseUrl, adminKey);
  const keyFor = async (userId: string, role: string, bankId?: string) => {
    await admin.post('/access/users', { userId, role, displayName: userId, ...(bankId ? { bankId } : {}) });
    return (await admin.post('/access/api-keys', { userId, label: 'console' })).apiKey as string;
  };
  return {
    fundManager: await keyFor('amina.fund', 'fund_manager'),
    guaranteeOfficer: await keyFor('moussa.scm', 'guarantee_officer'),
    auditor: await keyFor('claire.audit', 'auditor'),
    cncas: await keyFor('cncas.credit', 'bank', 'CNCAS'),
    bicis: await keyFor('bicis.credit', 'bank', 'BICIS'),
  };
}

export async function seedLedger(baseUrl: string, keys: SeedKeys): Promise<SeededLedger> {
  const fm = apiClient(baseUrl, keys.fundManager);
  const fundId = (
    await fm.post('/cofinancing/funds', {
      name: "Fonds d'appui aux consortiums d'exportation",
      currency: 'MAD',
      createdOn: '2021-01-01',
    })
  ).fundId as string;
  const ministry = (
    await fm.post(`/cofinancing/funds/${fundId}/donors`, {
      name: 'Ministère du commerce extérieur',
      registeredOn: '2021-01-01',
    })
  ).donorId as string;
  const unido = (await fm.post(`/cofinancing/funds/${fundId}/donors`, { name: 'ONUDI', registeredOn: '2021-01-01' }))
    .donorId as string;
  await fm.post(`/cofinancing/funds/${fundId}/contributions`, {
    donorId: ministry,
    amount: mad(1_500_000),
    receivedOn: '2021-01-10',
    reference: 'CONV-2021-01',
  });
  await fm.post(`/cofinancing/funds/${fundId}/contributions`, {
    donorId: unido,
    amount: mad(500_000),
    receivedOn: '2021-09-15',
    reference: 'ONUDI-2021-07',
  });
  await fm.post(`/cofinancing/funds/${fundId}/contributions`, {
    donorId: ministry,
    amount: mad(750_000),
    receivedOn: '2022-02-01',
    reference: 'CONV-2022-01',
  });
  const promotionWindowId = (
    await fm.post(`/cofinancing/funds/${fundId}/windows`, {
      name: 'Promotion costs',
      supportKind: 'consortium-promotion',
      openedOn: '2021-01-01',
      schedule: {
        effectiveFrom: '2021-01-01',
        years: [
          { rateBp: 7500, cap: mad(200_000) },
          { rateBp: 6000, cap: mad(200_000) },
          { rateBp: 5000, cap: mad(200_000) },
        ],
        afterLastYear: { rule: 'ineligible' },
      },
    })
  ).windowId as string;
  const startUpWindowId = (
    await fm.post(`/cofinancing/funds/${fundId}/windows`, {
      name: 'Start-up costs',
      supportKind: 'consortium-start-up',
      openedOn: '2021-01-01',
      schedule: {
        effectiveFrom: '2021-01-01',
        years: [{ rateBp: 5000, cap: mad(100_000) }],
        afterLastYear: { rule: 'ineligible' },
      },
    })
  ).windowId as string;
  const enrol = async (name: string, enrolledOn: string) =>
    (
      await fm.post('/cofinancing/beneficiaries', {
        name,
        kind: 'export-consortium',
        enrolledOn,
        memberFirms: [
          { name: 'Coopérative Tifawin', womenOwned: true },
          { name: 'Atlas Argan', womenOwned: false },
        ],
      })
    ).beneficiaryId as string;
  const beneficiaryId = await enrol('Consortium Fonoon Vitargan', '2021-03-15');
  const secondBeneficiaryId = await enrol('Consortium Agrumes du Souss', '2022-01-10');

  const request = async (
    windowId: string,
    beneficiary: string,
    eligibleMajor: number,
    requestedOn: string,
    description: string,
  ) =>
    (
      await fm.post('/cofinancing/grants', {
        fundId,
        windowId,
        beneficiaryId: beneficiary,
        serviceProvider: 'Maroc Export',
        description,
        eligibleCost: mad(eligibleMajor),
        requestedOn,
      })
    ).grantId as string;

  const closedGrantId = await request(startUpWindowId, beneficiaryId, 120_000, '2021-04-01', 'Legal set-up');
  await fm.post(`/cofinancing/grants/${closedGrantId}/approval`, { approvedOn: '2021-04-10' });
  await fm.post(`/cofinancing/grants/${closedGrantId}/disbursements`, {
    invoiceReference: 'F-2021-031',
    invoiceDate: '2021-05-20',
    invoiceAmount: mad(100_000),
    disbursedOn: '2021-06-01',
  });
  await fm.post(`/cofinancing/grants/${closedGrantId}/closure`, { closedOn: '2021-07-01' });

  const openGrantId = await request(promotionWindowId, beneficiaryId, 240_000, '2021-05-01', 'Gulfood stand, Dubai');
  await fm.post(`/cofinancing/grants/${openGrantId}/approval`, { approvedOn: '2021-05-15' });
  await fm.post(`/cofinancing/grants/${openGrantId}/disbursements`, {
    invoiceReference: 'F-2021-077',
    invoiceDate: '2021-10-05',
    invoiceAmount: mad(80_000),
    disbursedOn: '2021-10-20',
  });

  const pendingGrantIds = [
    await request(promotionWindowId, beneficiaryId, 80_000, '2022-04-20', 'Catalogue and website'),
    await request(promotionWindowId, secondBeneficiaryId, 150_000, '2022-05-02', 'SIAL Paris stand'),
  ];

  const go = apiClient(baseUrl, keys.guaranteeOfficer);
  const federationId = (
    await go.post('/guarantee-federations', {
      name: 'Fédération des SCM PAPES',
      currency: 'XOF',
      registeredOn: '2008-01-10',
    })
  ).federationId as string;
  const companyId = (
    await go.post('/guarantee-companies', {
      name: 'SCM de Thiès',
      currency: 'XOF',
      federationId,
      registeredOn: '2008-01-15',
    })
  ).companyId as string;
  const memberIds: string[] = [];
  for (const name of ['GIE Céréales', 'Atelier Bois', 'Coopérative Niayes']) {
    const memberId = (await go.post(`/guarantee-companies/${companyId}/members`, { name, admittedOn: '2008-02-01' }))
      .memberId as string;
    await go.post(`/guarantee-companies/${companyId}/members/${memberId}/capital-subscriptions`, {
      amount: xof(100_000),
      subscribedOn: '2008-02-01',
    });
    await go.post(`/guarantee-companies/${companyId}/members/${memberId}/capital-payments`, {
      amount: xof(100_000),
      paidOn: '2008-02-15',
    });
    memberIds.push(memberId);
  }
  await go.post(`/guarantee-companies/${companyId}/fund-deposits`, {
    bankId: 'CNCAS',
    amount: xof(340_000_000),
    termDepositReference: 'DAT-2008-001',
    depositedOn: '2008-03-01',
    maturesOn: '2011-03-01',
  });
  const sign = async (bankId: string) =>
    (
      await go.post('/bank-conventions', {
        companyId,
        bankId,
        multiplier: '1000000000/340000000',
        coverageRateBp: 5000,
        ceilingBasis: 'loan-principal',
        validFrom: '2008-04-01',
        // In force today: the console offers only conventions in force for a new guarantee.
        validUntil: '2030-12-31',
        signedOn: '2008-03-20',
      })
    ).conventionId as string;
  const conventionId = await sign('CNCAS');
  const otherConventionId = await sign('BICIS');
  const issue = async (convention: string, memberId: string, loanReference: string, principal: number, on: string) =>
    (
      await go.post(`/bank-conventions/${convention}/guarantees`, {
        memberId,
        loanReference,
        principal: xof(principal),
        loanStartDate: on,
        maturityDate: '2010-05-01',
        issuedOn: on,
      })
    ).guaranteeId as string;
  const defaulted = await issue(conventionId, memberIds[0], 'CNCAS/2008/001', 200_000_000, '2008-05-01');
  const activeGuaranteeId = await issue(conventionId, memberIds[1], 'CNCAS/2008/002', 300_000_000, '2008-05-02');
  await issue(otherConventionId, memberIds[2], 'BICIS/2008/101', 150_000_000, '2008-06-01');
  await go.post(`/guarantees/${defaulted}/repayments`, { amount: xof(40_000_000), repaidOn: '2008-11-01' });
  await go.post(`/guarantees/${defaulted}/call`, { calledOn: '2009-02-01' });
  await go.post(`/guarantees/${defaulted}/claim-payments`, { paidOn: '2009-03-01' });
  await go.post(`/guarantees/${defaulted}/recoveries`, { amount: xof(30_000_000), receivedOn: '2009-06-01' });

  return {
    fundId,
    promotionWindowId,
    startUpWindowId,
    beneficiaryId,
    secondBeneficiaryId,
    pendingGrantIds,
    openGrantId,
    closedGrantId,
    companyId,
    memberIds,
    conventionId,
    otherConventionId,
    activeGuaranteeId,
    activeLoanReference: 'CNCAS/2008/002',
    otherBankLoanReference: 'BICIS/2008/101',
  };
}
