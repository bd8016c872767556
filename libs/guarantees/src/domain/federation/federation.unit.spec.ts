import { FederationNotFound, WrongCurrency } from '../errors';
import { fold } from '../senegal.fixtures';
import { affiliateCompany, federationModel, FederationRegistered } from '.';

describe('federation', () => {
  const federation = fold(federationModel, [
    FederationRegistered.create({
      federationId: 'fed',
      name: 'Fédération',
      currency: 'XOF',
      registeredOn: '2008-01-01',
    }),
  ]);

  it('affiliates companies of its currency', () => {
    expect(affiliateCompany('fed', 'c-1', 'XOF', '2008-01-15', federation)).toEqual([
      { type: 'guarantees.CompanyAffiliated', federationId: 'fed', companyId: 'c-1', affiliatedOn: '2008-01-15' },
    ]);
    expect(() => affiliateCompany('fed', 'c-2', 'MAD', '2008-01-15', federation)).toThrow(
      expect.objectContaining({ constructor: WrongCurrency, field: 'currency' }),
    );
    expect(() => affiliateCompany('other', 'c-1', 'XOF', '2008-01-15', federationModel.initialState())).toThrow(
      FederationNotFound,
    );
  });
});
