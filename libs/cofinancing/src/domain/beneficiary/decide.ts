import { assertIsoDate, notBefore, type IsoDate } from '../calendar';
import { BeneficiaryAlreadyEnrolled, InvalidSchedule } from '../errors';
import { BeneficiaryEnrolled, MemberFirmAdded, type BeneficiaryEvent, type BeneficiaryKind } from './events';
import { requireEnrolled, type BeneficiaryState, type MemberFirm } from './state';

/** Commands: imperative, readonly data. Ids and dates come in with them; the domain has no clock. */

export interface EnrolBeneficiary {
  readonly type: 'EnrolBeneficiary';
  readonly beneficiaryId: string;
  readonly name: string;
  readonly kind: BeneficiaryKind;
  readonly enrolledOn: IsoDate;
  readonly memberFirms: readonly MemberFirm[];
}

export interface AddMemberFirm {
  readonly type: 'AddMemberFirm';
  readonly beneficiaryId: string;
  readonly firm: MemberFirm;
  readonly joinedOn: IsoDate;
}

export type BeneficiaryCommand = EnrolBeneficiary | AddMemberFirm;

export function enrolBeneficiary(command: EnrolBeneficiary, state: BeneficiaryState): BeneficiaryEvent[] {
  if (state.status !== 'none') throw new BeneficiaryAlreadyEnrolled(command.beneficiaryId);
  const ids = new Set(command.memberFirms.map((firm) => firm.firmId));
  if (ids.size !== command.memberFirms.length) throw new InvalidSchedule('memberFirms', 'firm ids must be unique');
  return [
    BeneficiaryEnrolled.create({
      beneficiaryId: command.beneficiaryId,
      name: command.name,
      kind: command.kind,
      enrolledOn: assertIsoDate(command.enrolledOn, 'enrolledOn'),
      memberFirms: command.memberFirms,
    }),
  ];
}

export function addMemberFirm(command: AddMemberFirm, state: BeneficiaryState): BeneficiaryEvent[] {
  const beneficiary = requireEnrolled(state, command.beneficiaryId);
  if (beneficiary.memberFirms[command.firm.firmId]) return [];
  assertIsoDate(command.joinedOn, 'joinedOn');
  notBefore('joinedOn', command.joinedOn, beneficiary.enrolledOn, 'beneficiary.enrolledOn');
  return [
    MemberFirmAdded.create({
      beneficiaryId: beneficiary.beneficiaryId,
      firmId: command.firm.firmId,
      name: command.firm.name,
      womenOwned: command.firm.womenOwned,
      joinedOn: assertIsoDate(command.joinedOn, 'joinedOn'),
    }),
  ];
}
