import type { SecondPerson } from '@ledger/four-eyes';
import type { Money } from '@ledger/money';
import type { FundApprovalPolicy } from '../../domain';

/**
 * Under the fund's policy, the terms of a second person when `threshold` was exceeded (or, with
 * `always`, for every such command: corrections); null when one fund manager decides.
 */
export function secondPersonUnder(
  policy: FundApprovalPolicy | null,
  threshold: Money | null,
  always = false,
): SecondPerson | null {
  if (policy === null || (threshold === null && !always)) return null;
  return { threshold, ttlHours: policy.proposalTtlHours };
}
