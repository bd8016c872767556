import type { MoneyJson } from '@ledger/money';
import type { CancelGrant } from '../../domain';
import { CofinancingCommand } from './cofinancing.command';

export class CancelGrantCommand extends CofinancingCommand<CancelGrant, { grantId: string; released: MoneyJson }> {}
