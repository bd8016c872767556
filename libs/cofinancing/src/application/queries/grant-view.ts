import type { GrantRow } from '../projections/read-model.entities';
import type { FundingStatus } from './funding-status';
import type { GrantView } from './list-grants.query';
import { money, moneyOf } from './read-model-json';

export function grantView(row: GrantRow, fundingStatus: FundingStatus | null = null): GrantView {
  const open = row.status === 'approved' && row.subsidy !== null;
  return {
    grantId: row.grantId,
    fundId: row.fundId,
    windowId: row.windowId,
    beneficiaryId: row.beneficiaryId,
    status: row.status,
    participationYear: row.participationYear,
    serviceProvider: row.serviceProvider,
    description: row.description,
    eligibleCost: moneyOf(row.eligibleCost, row.currency),
    requestedOn: row.requestedOn,
    subsidy: money(row.subsidy, row.currency),
    ownShare: money(row.ownShare, row.currency),
    rateBp: row.rateBp,
    scheduleVersion: row.scheduleVersion,
    approvedOn: row.approvedOn,
    rejectedOn: row.rejectedOn,
    closedOn: row.closedOn,
    cancelledOn: row.cancelledOn,
    reason: row.reason,
    invoiced: moneyOf(row.invoiced, row.currency),
    disbursed: moneyOf(row.disbursed, row.currency),
    commitmentLeft: open
      ? moneyOf((BigInt(row.subsidy ?? '0') - BigInt(row.disbursed)).toString(), row.currency)
      : null,
    releasedAtClosure: moneyOf(row.released, row.currency),
    fundingStatus: row.status === 'requested' ? fundingStatus : null,
  };
}
