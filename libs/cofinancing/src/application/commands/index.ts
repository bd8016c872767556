import { AddMemberFirmHandler } from './add-member-firm.handler';
import { AmendScheduleHandler } from './amend-schedule.handler';
import { ApproveGrantHandler } from './approve-grant.handler';
import { CancelGrantHandler } from './cancel-grant.handler';
import { CloseGrantHandler } from './close-grant.handler';
import { CreateFundHandler } from './create-fund.handler';
import { DisburseGrantHandler } from './disburse-grant.handler';
import { EnrolBeneficiaryHandler } from './enrol-beneficiary.handler';
import { OpenWindowHandler } from './open-window.handler';
import { RecordContributionHandler } from './record-contribution.handler';
import { RegisterDonorHandler } from './register-donor.handler';
import { RejectGrantHandler } from './reject-grant.handler';
import { RequestGrantHandler } from './request-grant.handler';
import { ReverseDisbursementHandler } from './reverse-disbursement.handler';
import { SetApprovalPolicyHandler } from './set-approval-policy.handler';

export { AddMemberFirmCommand } from './add-member-firm.command';
export { AmendScheduleCommand } from './amend-schedule.command';
export { ApproveGrantCommand } from './approve-grant.command';
export { CancelGrantCommand } from './cancel-grant.command';
export { CloseGrantCommand } from './close-grant.command';
export { CreateFundCommand } from './create-fund.command';
export { DisburseGrantCommand } from './disburse-grant.command';
export { EnrolBeneficiaryCommand } from './enrol-beneficiary.command';
export { OpenWindowCommand } from './open-window.command';
export { RecordContributionCommand } from './record-contribution.command';
export { RegisterDonorCommand } from './register-donor.command';
export { RejectGrantCommand } from './reject-grant.command';
export { RequestGrantCommand } from './request-grant.command';
export { ReverseDisbursementCommand } from './reverse-disbursement.command';
export { SetApprovalPolicyCommand } from './set-approval-policy.command';

export const commandHandlers = [
  CreateFundHandler,
  RegisterDonorHandler,
  RecordContributionHandler,
  OpenWindowHandler,
  AmendScheduleHandler,
  EnrolBeneficiaryHandler,
  AddMemberFirmHandler,
  RequestGrantHandler,
  ApproveGrantHandler,
  RejectGrantHandler,
  DisburseGrantHandler,
  ReverseDisbursementHandler,
  CloseGrantHandler,
  CancelGrantHandler,
  SetApprovalPolicyHandler,
];
