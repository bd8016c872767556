import type { MemberMovement } from './company-receipts';
import { GuaranteesCommand, type CompanyCommandOf } from './guarantees.command';

export class RecordMemberDepartureCommand extends GuaranteesCommand<
  CompanyCommandOf<'RecordMemberDeparture'>,
  MemberMovement
> {}
