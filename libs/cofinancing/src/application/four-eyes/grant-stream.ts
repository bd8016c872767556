import type { CommandTx } from '@ledger/event-sourcing';
import { subjectOf, type Proposal, type ProposalOutcome } from '@ledger/kernel';
import {
  fundModel,
  streamIds,
  GrantNotFound,
  grantModel,
  releaseGrantCommitment,
  requireOpenFund,
  type FundApprovalPolicy,
} from '../../domain';

/**
 * A disbursement or a correction works on the grant's own commitment: it reads the grant (which
 * must exist) and the fund's policy, and a proposal of either reserves on the grant alone.
 */
export async function loadGrantAndPolicy(
  tx: CommandTx,
  grantId: string,
): Promise<{ grant: Awaited<ReturnType<typeof loadGrant>>; policy: FundApprovalPolicy | null }> {
  const grant = await loadGrant(tx, grantId);
  if (grant.state.status === 'none') throw new GrantNotFound(grantId);
  const { fundId } = grant.state.request;
  const fund = requireOpenFund((await tx.load(streamIds.fund(fundId), fundModel)).state, fundId);
  return { grant, policy: fund.approvalPolicy };
}

function loadGrant(tx: CommandTx, grantId: string) {
  return tx.load(streamIds.grant(grantId), grantModel);
}

/** Gives back what a disbursement or correction proposal held of its grant's commitment. */
export async function releaseOnGrant(tx: CommandTx, proposal: Proposal, outcome: ProposalOutcome): Promise<void> {
  tx.append(await loadGrant(tx, subjectOf(proposal, 'grantId')), releaseGrantCommitment(proposal, outcome));
}

export type GrantHandle = Awaited<ReturnType<typeof loadGrant>>;
