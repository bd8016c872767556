import type { CommandTx } from '@ledger/event-sourcing';
import {
  companyModel,
  conventionModel,
  decideCompany,
  guaranteeModel,
  requireCompany,
  requireConvention,
  requireGuarantee,
  streamIds,
  type CompanyCommand,
  type CompanyState,
  type ConventionEvent,
  type ConventionState,
  type GuaranteeState,
  type LifecycleDecision,
  type RegisteredCompany,
} from '../../domain';
import type { ConventionReceipt } from './convention-receipt';
import { conventionReceipt } from './convention-receipt.builder';
import { guaranteeReceipt, type GuaranteeReceipt } from './guarantee-receipt';
import type { CompanyCommandOf } from './guarantees.command';

/*
 * Which streams the context's commands load, append to and guard. Every state returned is the one
 * the append records: the pipeline folds the events before anything is written, so an overflowing
 * total refuses the command here, with nothing written.
 */

/** A decision on one company's stream alone (all but its registration); the company as recorded. */
export async function decideOnCompany(
  tx: CommandTx,
  command: CompanyCommandOf<Exclude<CompanyCommand['type'], 'RegisterCompany'>>,
): Promise<RegisteredCompany> {
  const company = await tx.load(streamIds.company(command.companyId), companyModel);
  return requireCompany(
    command.companyId,
    tx.append(company, decideCompany(command.companyId, command, company.state)),
  );
}

/**
 * A registered company whose guarantee fund a convention decision reads (the capacity its terms
 * give): guarded, so a deposit or a claim recorded meanwhile by another process decides it again.
 */
export async function guardedCompany(tx: CommandTx, companyId: string): Promise<RegisteredCompany> {
  const company = await tx.load(streamIds.company(companyId), companyModel);
  tx.guard(company);
  return requireCompany(companyId, company.state);
}

/** An amendment or a termination: the convention stream is written, its company read (guarded). */
export async function decideOnConvention(
  tx: CommandTx,
  conventionId: string,
  decide: (state: ConventionState, company: RegisteredCompany) => ConventionEvent[],
): Promise<ConventionReceipt> {
  const convention = await tx.load(streamIds.convention(conventionId), conventionModel);
  const company = await guardedCompany(tx, requireConvention(conventionId, convention.state).companyId);
  const recorded = tx.append(convention, decide(convention.state, company));
  return conventionReceipt(requireConvention(conventionId, recorded), company);
}

/**
 * Repayments, calls, claim payments and recoveries: decided on the guarantee and its company; the
 * guarantee, its convention and its company get their events in one append, at the revisions read.
 */
export async function decideOnGuarantee<Command extends { readonly guaranteeId: string }>(
  tx: CommandTx,
  command: Command,
  decide: (command: Command, guarantee: GuaranteeState, company: CompanyState) => LifecycleDecision,
): Promise<GuaranteeReceipt> {
  const { guaranteeId } = command;
  const guarantee = await tx.load(streamIds.guarantee(guaranteeId), guaranteeModel);
  const { conventionId, companyId } = requireGuarantee(guaranteeId, guarantee.state);
  const company = await tx.load(streamIds.company(companyId), companyModel);
  const decision = decide(command, guarantee.state, company.state);
  if (decision.convention.length > 0) {
    tx.append(await tx.load(streamIds.convention(conventionId), conventionModel), decision.convention);
  }
  const fund = requireCompany(companyId, tx.append(company, decision.company)).fundBalance;
  return guaranteeReceipt(requireGuarantee(guaranteeId, tx.append(guarantee, decision.guarantee)), fund);
}
