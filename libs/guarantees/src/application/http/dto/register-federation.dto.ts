import type { CurrencyCode } from '@ledger/money';
import { IsBusinessDate, IsCurrencyCode } from '@ledger/platform';
import { IsLabel } from './validation';

export class RegisterFederationDto {
  @IsLabel('Name of the federation', 'Fédération PAPES')
  name!: string;

  @IsCurrencyCode('the currency it keeps its books in', 'XOF')
  currency!: CurrencyCode;

  @IsBusinessDate('Registration date')
  registeredOn!: string;
}
