import { IsBusinessDate } from '@ledger/platform';
import { IsLabel } from './validation';

export class AdmitMemberDto {
  @IsLabel('Name of the member firm', 'GIE Transformation Céréales')
  name!: string;

  @IsBusinessDate('Admission date')
  admittedOn!: string;
}
