import { IsBusinessDate } from '@ledger/platform';

export class CallGuaranteeDto {
  @IsBusinessDate('Date the bank called the guarantee on default')
  calledOn!: string;
}
