import type { EnrolBeneficiary } from '../../domain';
import { CofinancingCommand } from './cofinancing.command';

export class EnrolBeneficiaryCommand extends CofinancingCommand<
  EnrolBeneficiary,
  { beneficiaryId: string; memberFirmIds: string[] }
> {}
