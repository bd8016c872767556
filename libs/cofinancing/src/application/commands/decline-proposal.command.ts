import { CofinancingCommand } from './cofinancing.command';
import type { ProposalSettledAnswer, SettleProposalInput } from './settle-proposal.command';

/** Declines a pending four-eyes proposal: its reservation is released, nothing is committed. */
export class DeclineProposalCommand extends CofinancingCommand<SettleProposalInput, ProposalSettledAnswer> {}
