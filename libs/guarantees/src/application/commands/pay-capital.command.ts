import type { CapitalMovement } from './company-receipts';
import { GuaranteesCommand, type CompanyCommandOf } from './guarantees.command';

export class PayCapitalCommand extends GuaranteesCommand<CompanyCommandOf<'PayCapital'>, CapitalMovement> {}
