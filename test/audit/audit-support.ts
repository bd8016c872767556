import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import request from 'supertest';
import { LedgerRuntime } from '@ledger/platform';
import {
  closeTestApp,
  testLedgerConfig,
  testPrincipals,
  type TestDatabaseKind,
  type TestPrincipals,
} from '@ledger/testing';
import { createApp } from '../../apps/api/src/bootstrap';
import {
  CreateFundCommand,
  EnrolBeneficiaryCommand,
  RecordContributionCommand,
  RegisterDonorCommand,
} from '@ledger/cofinancing';
import { approve, context, moroccanFund, request as requestGrant } from '@ledger/cofinancing/testing';
import {
  CallGuaranteeCommand,
  IssueGuaranteeCommand,
  PayClaimCommand,
  RecordRecoveryCommand,
  RecordRepaymentCommand,
} from '@ledger/guarantees';
import { context as guaranteeContext, senegalCompany, xof } from '@ledger/guarantees/testing';
import { Money } from '@ledger/money';

/**
 * Test support for the audit suites: the whole service on a test database, data driven through
 * the contexts' command handlers with the seed's figures, and the audit endpoints read through
 * HTTP as an auditor.
 */
export interface AuditTestApp {
  readonly app: INestApplication;
  readonly commands: CommandBus;
  readonly runtime: LedgerRuntime;
  readonly principals: TestPrincipals;
  /** GET as the auditor. */
  get(path: string): request.Test;
  /** GET as the auditor, the body kept as text whatever the content type (CSV, NDJSON). */
  getText(path: string): request.Test;
  close(): Promise<void>;
}

export async function openAuditApp(kind: TestDatabaseKind): Promise<AuditTestApp> {
  const { config, dropSchema } = testLedgerConfig(kind);
  const app = await createApp(config, { logger: false });
  await app.init();
  const principals = await testPrincipals(app);
  return {
    app,
    commands: app.get(CommandBus),
    runtime: app.get(LedgerRuntime),
    principals,
    get: (path) => request(app.getHttpServer()).get(path).set(principals.auditor),
    getText: (path) =>
      request(app.getHttpServer())
        .get(path)
        .set(principals.auditor)
        .buffer(true)
        .parse((response, done) => {
          let body = '';
          response.setEncoding('utf8');
          response.on('data', (chunk: string) => (body += chunk));
          response.on('end', () => done(null, body));
        }),
    close: () => closeTestApp(app, dropSchema),
  };
}

/**
 * The Moroccan export-consortium fund (promotion window: 75 % / 60 % / 50 %, cap 200 000 MAD a
 * year) and one consortium of three firms — one women-owned, one not, one not recorded — enrolled
 * on 15 March 2021, with one grant approved in each of its three participation years, none capped:
 *   year 1: 180 000 → 135 000 (75 %); year 2: 250 000 → 150 000 (60 %); year 3: 300 000 → 150 000 (50 %).
 * A fourth request stays unapproved and must count nowhere.
 */
export async function moroccanConsortium(app: INestApplication) {
  const fund = await moroccanFund(app, 10_000_000);
  const beneficiaryId = randomUUID();
  await app.get(CommandBus).execute(
    new EnrolBeneficiaryCommand(
      {
        type: 'EnrolBeneficiary',
        beneficiaryId,
        name: 'Consortium Fonoon Vitargan',
        kind: 'export-consortium',
        enrolledOn: '2021-03-15',
        memberFirms: [
          { firmId: randomUUID(), name: 'Coopérative Tifawin', womenOwned: true },
          { firmId: randomUUID(), name: 'Atlas Argan', womenOwned: false },
          { firmId: randomUUID(), name: 'Souss Cosmétiques', womenOwned: null },
        ],
      },
      context(),
    ),
  );
  const ids = { fundId: fund.fundId, windowId: fund.windowId, beneficiaryId };
  const grants: string[] = [];
  for (const [eligible, requestedOn, approvedOn] of [
    [180_000, '2021-05-03', '2021-05-10'],
    [250_000, '2022-04-01', '2022-04-10'],
    [300_000, '2023-06-01', '2023-06-02'],
  ] as const) {
    const grantId = await requestGrant(app, ids, eligible, requestedOn);
    await approve(app, grantId, approvedOn);
    grants.push(grantId);
  }
  await requestGrant(app, ids, 40_000, '2023-09-01');
  return { ...ids, donorId: fund.donorId, grants };
}

/**
 * The Senegal PAPES company: a 340 000 000 XOF guarantee fund, a convention of 1 000 000 000
 * (multiplier 1 000 000 000 / 340 000 000, coverage 50 %), four loans of 250 000 000 guaranteed
 * on 1 May 2008 (the whole capacity). One borrower repays 50 000 000 then defaults: claim 50 % ×
 * 200 000 000 = 100 000 000, paid in full, 40 000 000 recovered.
 */
export async function senegalGuarantees(app: INestApplication) {
  const commands = app.get(CommandBus);
  const { companyId, conventionId, members } = await senegalCompany(commands, 4);
  const guarantees: string[] = [];
  for (const [index, memberId] of members.entries()) {
    const { guaranteeId } = await commands.execute(
      new IssueGuaranteeCommand(
        {
          conventionId,
          memberId,
          loanReference: `PAPES-${index + 1}`,
          principal: xof(250_000_000),
          loanStartDate: '2008-05-01',
          maturityDate: '2010-05-01',
          issuedOn: '2008-05-01',
        },
        guaranteeContext,
      ),
    );
    guarantees.push(guaranteeId as string);
  }
  const [defaulted] = guarantees;
  await commands.execute(
    new RecordRepaymentCommand(
      { guaranteeId: defaulted, amount: xof(50_000_000), repaidOn: '2008-11-01' },
      guaranteeContext,
    ),
  );
  await commands.execute(
    new CallGuaranteeCommand({ guaranteeId: defaulted, calledOn: '2009-02-01' }, guaranteeContext),
  );
  await commands.execute(
    new PayClaimCommand({ guaranteeId: defaulted, amount: null, paidOn: '2009-03-01' }, guaranteeContext),
  );
  await commands.execute(
    new RecordRecoveryCommand(
      { guaranteeId: defaulted, amount: xof(40_000_000), receivedOn: '2009-09-01' },
      guaranteeContext,
    ),
  );
  return { companyId, conventionId, members, guarantees };
}

/** A fund in Tunisian dinars (3 decimals) with a contribution of 1.500 TND, and a donor whose name tries a formula. */
export async function tunisianFund(app: INestApplication) {
  const commands = app.get(CommandBus);
  const fundId = randomUUID();
  const donorId = randomUUID();
  await commands.execute(
    new CreateFundCommand(
      { type: 'CreateFund', fundId, name: 'Foprohoc, "pilot", Sfax', currency: 'TND', createdOn: '2022-01-01' },
      context(),
    ),
  );
  await commands.execute(
    new RegisterDonorCommand(
      { type: 'RegisterDonor', fundId, donorId, name: '=HYPERLINK("http://evil.example")', registeredOn: '2022-01-01' },
      context(),
    ),
  );
  await commands.execute(
    new RecordContributionCommand(
      {
        type: 'RecordContribution',
        fundId,
        contributionId: randomUUID(),
        donorId,
        amount: Money.ofMinor(1_500n, 'TND'),
        receivedOn: '2022-02-01',
        reference: 'TN-1',
      },
      context(),
    ),
  );
  return { fundId, donorId };
}
