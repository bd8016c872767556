import { IsBusinessDate } from './validation';

export class CallGuaranteeDto {
  @IsBusinessDate('Date the bank called the guarantee on default')
  calledOn!: string;
}
