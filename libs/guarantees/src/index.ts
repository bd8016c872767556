// Public door of @ledger/guarantees: the Nest module and its read models for the shared runtime.
export { GuaranteesModule } from './guarantees.module';
export { guaranteesReadModels } from './read-models';
// Balances as of a business date, as known at a record time: for the audit exports and other contexts.
export { GuaranteeBalancesAsOf, GUARANTEE_BALANCES_PROJECTION, type MoneyAsOf } from './application/as-of';
// Four-eyes: the actions this context runs through the one four-eyes wrapper (@ledger/four-eyes).
export { guaranteesFourEyes } from './application/four-eyes/guarantees-four-eyes';

// The commands, for whoever drives the command bus from outside the context (the CLI seed, the benches).
export { AdmitMemberCommand } from './application/commands/admit-member.command';
export { AmendConventionCommand } from './application/commands/amend-convention.command';
export { CallGuaranteeCommand } from './application/commands/call-guarantee.command';
export { DepositGuaranteeFundCommand } from './application/commands/deposit-guarantee-fund.command';
export { IssueGuaranteeCommand } from './application/commands/issue-guarantee.command';
export { PayCapitalCommand } from './application/commands/pay-capital.command';
export { PayClaimCommand } from './application/commands/pay-claim.command';
export { RecordMemberDepartureCommand } from './application/commands/record-member-departure.command';
export { RecordRecoveryCommand } from './application/commands/record-recovery.command';
export { RecordRepaymentCommand } from './application/commands/record-repayment.command';
export { RegisterCompanyCommand } from './application/commands/register-company.command';
export { RegisterFederationCommand } from './application/commands/register-federation.command';
export { ReverseDepositCommand } from './application/commands/reverse-deposit.command';
export { ReverseRepaymentCommand } from './application/commands/reverse-repayment.command';
export { SetCompanyApprovalPolicyCommand } from './application/commands/four-eyes.commands';
export { SignConventionCommand } from './application/commands/sign-convention.command';
export { SubscribeCapitalCommand } from './application/commands/subscribe-capital.command';
export { TerminateConventionCommand } from './application/commands/terminate-convention.command';
export { WithdrawGuaranteeFundCommand } from './application/commands/withdraw-guarantee-fund.command';

// The pure domain: events and their catalog, stream ids, states, decisions, typed errors. It loads
// alone, with no framework, from ./domain (see scripts/measure-domain-load.js).
export * from './domain';

// The live read models' figures and balances, for other contexts (the audit's report and exports).
export {
  GuaranteesReporting,
  type CompanyBalancesRow,
  type CompanyTotals,
  type ConventionBalancesRow,
  type GuaranteeBalancesRow,
  type GuaranteedBalances,
  type GuaranteeFundTotals,
  type IssuedGuaranteesScope,
  type IssuedGuaranteeTotals,
} from './application/reporting/guarantees-reporting';
