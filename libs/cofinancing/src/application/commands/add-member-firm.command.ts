import type { AddMemberFirm } from '../../domain';
import { CofinancingCommand } from './cofinancing.command';

export class AddMemberFirmCommand extends CofinancingCommand<
  AddMemberFirm,
  { beneficiaryId: string; firmId: string }
> {}
