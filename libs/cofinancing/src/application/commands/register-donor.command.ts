import type { RegisterDonor } from '../../domain';
import { CofinancingCommand } from './cofinancing.command';

export class RegisterDonorCommand extends CofinancingCommand<RegisterDonor, { fundId: string; donorId: string }> {}
