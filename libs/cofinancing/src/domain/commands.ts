// Every command of the context: each is defined beside its decision, in its aggregate's decide*.ts.
// four-eyes.ts reads the commands it proposes through this door.
export type {
  AmendSchedule,
  CreateFund,
  FundCommand,
  OpenWindow,
  RecordContribution,
  RegisterDonor,
} from './fund/decide';
export type { MemberFirm } from './beneficiary/state';
export type { AddMemberFirm, BeneficiaryCommand, EnrolBeneficiary } from './beneficiary/decide';
export type { ApproveGrant, GrantCommand, RejectGrant, RequestGrant } from './grant/decide';
export type { DisburseGrant, ReverseDisbursement } from './grant/decide-disbursement';
export type { CancelGrant, CloseGrant } from './grant/decide-closure';
