import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { CommandBus, CqrsModule } from '@nestjs/cqrs';
import { Test } from '@nestjs/testing';
import type { CommandContext } from '@ledger/event-sourcing';
import { FourEyesModule, proposalReadModels } from '@ledger/four-eyes';
import { Money, Ratio, BasisPoints } from '@ledger/money';
import { LedgerPlatformModule, LedgerRuntime } from '@ledger/platform';
import { closeTestApp, testLedgerConfig, type TestDatabaseKind } from '@ledger/testing';
import { GuaranteesModule } from '../guarantees.module';
import { guaranteesReadModels } from '../read-models';
import { AdmitMemberCommand } from './commands/admit-member.command';
import { DepositGuaranteeFundCommand } from './commands/deposit-guarantee-fund.command';
import { PayCapitalCommand } from './commands/pay-capital.command';
import { RegisterCompanyCommand } from './commands/register-company.command';
import { SignConventionCommand } from './commands/sign-convention.command';
import { SubscribeCapitalCommand } from './commands/subscribe-capital.command';
import { guaranteesFourEyes } from './four-eyes/guarantees-four-eyes';
import { GUARANTEES_TABLES } from './projections/guarantees.projection';

/** Test support for the integration suites: the guarantees context alone on a real database. */
export const xof = (amount: number | bigint): Money => Money.ofMinor(BigInt(amount), 'XOF');

export const context: CommandContext = { actor: 'int-test', role: 'manager', correlationId: 'int-test' };

export interface GuaranteesTestApp {
  readonly app: INestApplication;
  readonly commands: CommandBus;
  readonly runtime: LedgerRuntime;
  close(): Promise<void>;
}

export async function openGuaranteesApp(kind: TestDatabaseKind): Promise<GuaranteesTestApp> {
  const { config, dropSchema } = testLedgerConfig(kind);
  const moduleRef = await Test.createTestingModule({
    imports: [
      CqrsModule.forRoot(),
      LedgerPlatformModule.forRoot({
        contexts: [guaranteesReadModels, proposalReadModels([guaranteesFourEyes])],
        config,
      }),
      GuaranteesModule,
      // Issuances and corrections may need a second person: the shared four-eyes module serves them.
      FourEyesModule.register([guaranteesFourEyes]),
    ],
  }).compile();
  const app = moduleRef.createNestApplication({ logger: false });
  await app.init();
  return {
    app,
    commands: app.get(CommandBus),
    runtime: app.get(LedgerRuntime),
    close: () => closeTestApp(app, dropSchema),
  };
}

/** The Senegal set-up: members with paid capital, a 340,000,000 XOF fund, a convention of 1 billion. */
export async function senegalCompany(
  commands: CommandBus,
  memberCount: number,
): Promise<{ companyId: string; conventionId: string; members: string[] }> {
  const { companyId } = await commands.execute(
    new RegisterCompanyCommand(
      {
        type: 'RegisterCompany',
        companyId: randomUUID(),
        name: 'SCM de Thiès',
        currency: 'XOF',
        federationId: null,
        registeredOn: '2008-01-15',
      },
      context,
    ),
  );
  const members: string[] = [];
  for (let i = 0; i < memberCount; i++) {
    const { memberId } = await commands.execute(
      new AdmitMemberCommand(
        { type: 'AdmitMember', companyId, memberId: randomUUID(), name: `Firm ${i}`, admittedOn: '2008-02-01' },
        context,
      ),
    );
    const capital = { companyId, memberId, amount: xof(100_000) };
    await commands.execute(
      new SubscribeCapitalCommand({ type: 'SubscribeCapital', ...capital, subscribedOn: '2008-02-01' }, context),
    );
    await commands.execute(new PayCapitalCommand({ type: 'PayCapital', ...capital, paidOn: '2008-02-15' }, context));
    members.push(memberId);
  }
  await commands.execute(
    new DepositGuaranteeFundCommand(
      {
        type: 'DepositGuaranteeFund',
        companyId,
        depositId: randomUUID(),
        bankId: 'CNCAS',
        amount: xof(340_000_000),
        termDepositReference: 'DAT-2008-001',
        depositedOn: '2008-03-01',
        maturesOn: null,
      },
      context,
    ),
  );
  const { conventionId } = await commands.execute(
    new SignConventionCommand(
      {
        conventionId: randomUUID(),
        companyId,
        bankId: 'CNCAS',
        multiplier: Ratio.parse('1000000000/340000000'),
        coverageRate: BasisPoints.of(5_000),
        ceilingBasis: 'loan-principal',
        maxGuaranteedPerLoan: null,
        validFrom: '2008-04-01',
        validUntil: '2010-12-31',
        signedOn: '2008-03-20',
      },
      context,
    ),
  );
  return { companyId, conventionId, members };
}

/** Every row of every read-model table, in primary-key order. */
export async function readModelRows(runtime: LedgerRuntime): Promise<Record<string, unknown[]>> {
  const keys: Record<(typeof GUARANTEES_TABLES)[number], string> = {
    guarantee_federations: 'federation_id',
    guarantee_companies: 'company_id',
    guarantee_members: 'company_id, member_id',
    guarantee_fund_deposits: 'company_id, deposit_id',
    guarantee_conventions: 'convention_id',
    guarantees: 'guarantee_id',
  };
  const rows: Record<string, unknown[]> = {};
  for (const table of GUARANTEES_TABLES) {
    rows[table] = await runtime.dataSource.query(`SELECT * FROM ${table} ORDER BY ${keys[table]}`);
  }
  return rows;
}
