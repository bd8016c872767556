import type { MoneyJson } from '@ledger/money';
import type { CloseGrant } from '../../domain';
import { CofinancingCommand } from './cofinancing.command';

export class CloseGrantCommand extends CofinancingCommand<
  CloseGrant,
  { grantId: string; committed: MoneyJson; disbursed: MoneyJson; released: MoneyJson }
> {}
