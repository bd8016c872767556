import type { AmendSchedule } from '../../domain';
import { CofinancingCommand } from './cofinancing.command';

export class AmendScheduleCommand extends CofinancingCommand<
  AmendSchedule,
  { fundId: string; windowId: string; scheduleVersion: number }
> {}
