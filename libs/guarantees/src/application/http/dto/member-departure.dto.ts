import { IsBusinessDate } from '@ledger/platform';

export class MemberDepartureDto {
  @IsBusinessDate('Date the member left')
  leftOn!: string;
}
