import type { OpenWindow } from '../../domain';
import { CofinancingCommand } from './cofinancing.command';

export class OpenWindowCommand extends CofinancingCommand<
  OpenWindow,
  { fundId: string; windowId: string; scheduleVersion: number }
> {}
