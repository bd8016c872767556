import type { MoneyJson } from '@ledger/money';
import type { RecordContribution } from '../../domain';
import { CofinancingCommand } from './cofinancing.command';

export class RecordContributionCommand extends CofinancingCommand<
  RecordContribution,
  { fundId: string; contributionId: string; contributed: MoneyJson; available: MoneyJson }
> {}
