import { IsBusinessDate } from '@ledger/platform';
import { IsLabel } from './validation';

export class TerminateConventionDto {
  @IsBusinessDate('Termination date')
  terminatedOn!: string;

  @IsLabel('Why', 'end of programme')
  reason!: string;
}
