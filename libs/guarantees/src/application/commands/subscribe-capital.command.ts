import type { CapitalMovement } from './company-receipts';
import { GuaranteesCommand, type CompanyCommandOf } from './guarantees.command';

export class SubscribeCapitalCommand extends GuaranteesCommand<CompanyCommandOf<'SubscribeCapital'>, CapitalMovement> {}
