import type { CommandTx } from '@ledger/event-sourcing';
import { conventionModel, streamIds, type CompanyState, type SignedConvention } from '../../domain';

/**
 * Every convention of a company (listed on its stream), read and guarded: a decision on what the
 * company's fund backs depends on all of them, so a concurrent change to any of them decides it again.
 * `except` is left out (the caller loads it itself).
 */
export async function loadCompanyConventions(
  tx: CommandTx,
  company: CompanyState,
  except: string | null = null,
): Promise<SignedConvention[]> {
  if (company.status !== 'registered') return [];
  const conventions: SignedConvention[] = [];
  for (const conventionId of company.conventionIds) {
    if (conventionId === except) continue;
    const convention = await tx.load(streamIds.convention(conventionId), conventionModel);
    tx.guard(convention);
    if (convention.state.status !== 'unsigned') conventions.push(convention.state);
  }
  return conventions;
}
