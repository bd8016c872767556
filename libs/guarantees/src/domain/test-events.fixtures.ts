import { MemberAdmitted, MemberLeft, type CompanyEvent } from './company';
import { SENEGAL } from './senegal.fixtures';

/** Extra company events for decider tests. */
export const MemberLeftEvent = (memberId: string): CompanyEvent =>
  MemberLeft.create({ companyId: SENEGAL.companyId, memberId, leftOn: '2008-04-15' });

export const AdmittedWithoutCapital = (memberId: string): CompanyEvent =>
  MemberAdmitted.create({ companyId: SENEGAL.companyId, memberId, name: 'New firm', admittedOn: '2008-04-15' });
