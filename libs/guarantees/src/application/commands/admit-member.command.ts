import type { MemberMovement } from './company-receipts';
import { GuaranteesCommand, type CompanyCommandOf } from './guarantees.command';

export class AdmitMemberCommand extends GuaranteesCommand<CompanyCommandOf<'AdmitMember'>, MemberMovement> {}
