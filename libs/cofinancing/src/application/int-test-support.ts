import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { BasisPoints, Money } from '@ledger/money';
import type { CommandContext } from '@ledger/event-sourcing';
import {
  ApproveGrantCommand,
  CreateFundCommand,
  EnrolBeneficiaryCommand,
  OpenWindowCommand,
  RecordContributionCommand,
  RegisterDonorCommand,
  RequestGrantCommand,
} from './commands';
import type { GrantApprovalAnswer } from './commands/approve-grant.command';

/** Set-up for the integration suites: the Moroccan promotion window, driven through the command bus. */

export const mad = (major: number) => Money.ofMinor(BigInt(major) * 100n, 'MAD');
export const context = (): CommandContext => ({ actor: 'int-test', role: 'manager', correlationId: randomUUID() });

export async function moroccanFund(app: INestApplication, contributedMajor: number) {
  const bus = app.get(CommandBus);
  const fundId = randomUUID();
  const windowId = randomUUID();
  const donorId = randomUUID();
  await bus.execute(
    new CreateFundCommand(
      { type: 'CreateFund', fundId, name: 'Fonds consortiums', currency: 'MAD', createdOn: '2021-01-01' },
      context(),
    ),
  );
  await bus.execute(
    new RegisterDonorCommand(
      { type: 'RegisterDonor', fundId, donorId, name: 'État', registeredOn: '2021-01-01' },
      context(),
    ),
  );
  await bus.execute(
    new RecordContributionCommand(
      {
        type: 'RecordContribution',
        fundId,
        contributionId: randomUUID(),
        donorId,
        amount: mad(contributedMajor),
        receivedOn: '2021-01-10',
        reference: 'CONV-1',
      },
      context(),
    ),
  );
  await bus.execute(
    new OpenWindowCommand(
      {
        type: 'OpenWindow',
        fundId,
        windowId,
        name: 'Promotion',
        supportKind: 'consortium-promotion',
        openedOn: '2021-01-01',
        schedule: {
          effectiveFrom: '2021-01-01',
          years: [7500, 6000, 5000].map((bp) => ({ rate: BasisPoints.of(bp), cap: mad(200_000) })),
          afterLastYear: { rule: 'ineligible', rate: null, cap: null },
        },
      },
      context(),
    ),
  );
  return { fundId, windowId, donorId };
}

export async function enrol(app: INestApplication, name: string): Promise<string> {
  const beneficiaryId = randomUUID();
  await app.get(CommandBus).execute(
    new EnrolBeneficiaryCommand(
      {
        type: 'EnrolBeneficiary',
        beneficiaryId,
        name,
        kind: 'export-consortium',
        enrolledOn: '2021-03-15',
        memberFirms: [{ firmId: randomUUID(), name: `${name} SARL`, womenOwned: null }],
      },
      context(),
    ),
  );
  return beneficiaryId;
}

export async function request(
  app: INestApplication,
  ids: { fundId: string; windowId: string; beneficiaryId: string },
  eligibleMajor: number,
  requestedOn = '2021-06-01',
): Promise<string> {
  const grantId = randomUUID();
  await app.get(CommandBus).execute(
    new RequestGrantCommand(
      {
        type: 'RequestGrant',
        grantId,
        ...ids,
        serviceProvider: 'Maroc Export',
        description: 'trade fair',
        eligibleCost: mad(eligibleMajor),
        requestedOn,
      },
      context(),
    ),
  );
  return grantId;
}

/** Approves in one step (no four-eyes policy on the fund): the approval's figures. */
export async function approve(
  app: INestApplication,
  grantId: string,
  approvedOn = '2021-06-10',
  by: CommandContext = context(),
): Promise<GrantApprovalAnswer & { position: string }> {
  const answer = await proposeOrApprove(app, grantId, approvedOn, by);
  if ('proposalId' in answer) throw new Error(`grant ${grantId} was sent for a second approval`);
  return answer;
}

/** The approval command as sent: approved, or (under a four-eyes policy) a pending proposal. */
export function proposeOrApprove(
  app: INestApplication,
  grantId: string,
  approvedOn = '2021-06-10',
  by: CommandContext = context(),
) {
  return app.get(CommandBus).execute(new ApproveGrantCommand({ type: 'ApproveGrant', grantId, approvedOn }, by));
}
