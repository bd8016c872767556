import { CofinancingCommand } from './cofinancing.command';

/** Expires a proposal past its deadline (issued by the expiry scheduler); a no-op on any other. */
export class ExpireProposalCommand extends CofinancingCommand<
  { readonly proposalId: string },
  { proposalId: string; expired: boolean }
> {}
