import type { CreateFund } from '../../domain';
import { CofinancingCommand } from './cofinancing.command';

export class CreateFundCommand extends CofinancingCommand<CreateFund, { fundId: string }> {}
