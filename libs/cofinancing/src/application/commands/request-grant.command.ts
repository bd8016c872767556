import type { RequestGrant } from '../../domain';
import { CofinancingCommand } from './cofinancing.command';

export class RequestGrantCommand extends CofinancingCommand<
  RequestGrant,
  { grantId: string; participationYear: number }
> {}
