import { GuaranteesCommand, type CompanyCommandOf } from './guarantees.command';

export interface CompanyRegistration {
  readonly companyId: string;
}

export class RegisterCompanyCommand extends GuaranteesCommand<
  CompanyCommandOf<'RegisterCompany'>,
  CompanyRegistration
> {}
