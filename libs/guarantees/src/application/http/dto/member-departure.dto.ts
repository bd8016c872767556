import { IsBusinessDate } from './validation';

export class MemberDepartureDto {
  @IsBusinessDate('Date the member left')
  leftOn!: string;
}
