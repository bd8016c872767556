import { AdmitMemberHandler } from './admit-member.handler';
import { AmendConventionHandler } from './amend-convention.handler';
import { CallGuaranteeHandler } from './call-guarantee.handler';
import { DepositGuaranteeFundHandler } from './deposit-guarantee-fund.handler';
import { IssueGuaranteeHandler } from './issue-guarantee.handler';
import { PayCapitalHandler } from './pay-capital.handler';
import { PayClaimHandler } from './pay-claim.handler';
import { RecordMemberDepartureHandler } from './record-member-departure.handler';
import { RecordRecoveryHandler } from './record-recovery.handler';
import { RecordRepaymentHandler } from './record-repayment.handler';
import { RegisterCompanyHandler } from './register-company.handler';
import { RegisterFederationHandler } from './register-federation.handler';
import { SignConventionHandler } from './sign-convention.handler';
import { SubscribeCapitalHandler } from './subscribe-capital.handler';
import { TerminateConventionHandler } from './terminate-convention.handler';
import { WithdrawGuaranteeFundHandler } from './withdraw-guarantee-fund.handler';
import { ReverseDepositHandler } from './reverse-deposit.handler';
import { ReverseRepaymentHandler } from './reverse-repayment.handler';
import { SetCompanyApprovalPolicyHandler } from './four-eyes.handlers';

export const commandHandlers = [
  AdmitMemberHandler,
  AmendConventionHandler,
  CallGuaranteeHandler,
  DepositGuaranteeFundHandler,
  IssueGuaranteeHandler,
  PayCapitalHandler,
  PayClaimHandler,
  RecordMemberDepartureHandler,
  RecordRecoveryHandler,
  RecordRepaymentHandler,
  ReverseDepositHandler,
  ReverseRepaymentHandler,
  RegisterCompanyHandler,
  RegisterFederationHandler,
  SignConventionHandler,
  SubscribeCapitalHandler,
  TerminateConventionHandler,
  WithdrawGuaranteeFundHandler,
  SetCompanyApprovalPolicyHandler,
];
