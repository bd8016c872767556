import type { CommandTx } from '@ledger/event-sourcing';
import {
  streamIds,
  grantModel,
  GrantNotFound,
  fundModel,
  beneficiaryModel,
  type GrantState,
  type ReleaseDecision,
} from '../../domain';

type GrantIn<Status extends GrantState['status']> = Extract<GrantState, { status: Status }>;

/** The grant's state as the command just recorded it: in `status`, or the decision was wrong. */
export function grantIn<Status extends GrantState['status']>(state: GrantState, status: Status): GrantIn<Status> {
  if (state.status !== status) throw new Error(`the grant is ${state.status} after the command, not ${status}`);
  return state as GrantIn<Status>;
}

/**
 * Closure or cancellation: decided on the grant alone; the grant, the fund and the beneficiary's cap
 * change in the same append (the fund and the cap get nothing when nothing is released). Returns
 * the grant as recorded.
 */
export async function releaseGrant<Status extends 'closed' | 'cancelled'>(
  tx: CommandTx,
  grantId: string,
  decide: (state: GrantState) => ReleaseDecision,
  status: Status,
): Promise<GrantIn<Status>> {
  const grant = await tx.load(streamIds.grant(grantId), grantModel);
  if (grant.state.status === 'none') throw new GrantNotFound(grantId);
  const decision = decide(grant.state);
  const { fundId, beneficiaryId } = grant.state.request;
  const [fund, beneficiary] = await Promise.all([
    tx.load(streamIds.fund(fundId), fundModel),
    tx.load(streamIds.beneficiary(beneficiaryId), beneficiaryModel),
  ]);
  tx.append(fund, decision.fund);
  tx.append(beneficiary, decision.beneficiary);
  return grantIn(tx.append(grant, decision.grant), status);
}
