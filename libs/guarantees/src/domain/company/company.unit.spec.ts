import { Money } from '@ledger/money';
import {
  companyModel,
  decideCompany,
  GuaranteeFundWithdrawn,
  MemberLoanGuaranteed,
  standingProblem,
  type CompanyCommand,
  type CompanyEvent,
  type RegisteredCompany,
} from '.';
import {
  AlreadyExists,
  CapitalPaymentExceedsSubscription,
  CompanyNotFound,
  DepositNotFound,
  InsufficientGuaranteeFund,
  MemberAlreadyAdmitted,
  MemberHasLeft,
  MemberHasLiveGuarantees,
  WithdrawalExceedsDeposit,
  WrongCurrency,
} from '../errors';
import { fold, SENEGAL, senegalCompanyEvents, xof } from '../senegal.fixtures';

const companyId = SENEGAL.companyId;
const given = (events: readonly CompanyEvent[]) => fold(companyModel, events);
const when = (events: readonly CompanyEvent[], command: CompanyCommand) =>
  decideCompany(companyId, command, given(events));
const registered = (events: readonly CompanyEvent[]) => given(events) as RegisteredCompany;

describe('mutual guarantee company', () => {
  describe('when not registered', () => {
    it('is registered with its currency and federation', () => {
      expect(
        when([], {
          type: 'RegisterCompany',
          companyId,
          name: ' SCM Thiès ',
          currency: 'XOF',
          federationId: 'fed-papes',
          registeredOn: '2008-01-15',
        }),
      ).toEqual([
        {
          type: 'guarantees.CompanyRegistered',
          companyId,
          name: 'SCM Thiès',
          currency: 'XOF',
          federationId: 'fed-papes',
          registeredOn: '2008-01-15',
        },
      ]);
    });

    it('knows no member', () => {
      expect(() => when([], { type: 'AdmitMember', memberId: 'm', name: 'M', admittedOn: '2008-02-01' })).toThrow(
        CompanyNotFound,
      );
    });
  });

  describe('when registered', () => {
    const registration = senegalCompanyEvents().slice(0, 1);

    it('cannot be registered twice', () => {
      expect(() =>
        when(registration, {
          type: 'RegisterCompany',
          companyId,
          name: 'x',
          currency: 'XOF',
          federationId: null,
          registeredOn: '2008-01-15',
        }),
      ).toThrow(AlreadyExists);
    });

    it('admits members once', () => {
      const admit: CompanyCommand = { type: 'AdmitMember', memberId: 'm-1', name: 'Firm 1', admittedOn: '2008-02-01' };
      const events = when(registration, admit);
      expect(events).toEqual([
        { type: 'guarantees.MemberAdmitted', companyId, memberId: 'm-1', name: 'Firm 1', admittedOn: '2008-02-01' },
      ]);
      expect(() => when([...registration, ...events], admit)).toThrow(MemberAlreadyAdmitted);
    });

    it('refuses deposits in another currency, naming the field', () => {
      expect(() =>
        when(registration, {
          type: 'DepositGuaranteeFund',
          depositId: 'd',
          bankId: 'CNCAS',
          amount: Money.ofMinor(100n, 'EUR'),
          termDepositReference: 'DAT',
          depositedOn: '2008-03-01',
          maturesOn: null,
        }),
      ).toThrow(expect.objectContaining({ constructor: WrongCurrency, field: 'amount.currency' }));
    });
  });

  describe('with members, capital and the 340,000,000 XOF fund', () => {
    const history = senegalCompanyEvents();

    it('tracks capital subscribed and paid, and the fund balance', () => {
      const company = registered(history);
      expect(company.members.get('firm-a')).toMatchObject({
        capitalSubscribed: xof(100_000),
        capitalPaid: xof(100_000),
      });
      expect(company.fundBalance).toEqual(xof(340_000_000));
    });

    it('refuses a capital payment above what is unpaid', () => {
      const subscribed = [
        ...history,
        ...when(history, {
          type: 'SubscribeCapital',
          memberId: 'firm-a',
          amount: xof(50_000),
          subscribedOn: '2009-01-01',
        }),
      ];
      expect(standingProblem(registered(subscribed).members.get('firm-a')!)).toBe('capital-not-paid');
      expect(() =>
        when(subscribed, { type: 'PayCapital', memberId: 'firm-a', amount: xof(50_001), paidOn: '2009-01-02' }),
      ).toThrow(expect.objectContaining({ constructor: CapitalPaymentExceedsSubscription, unpaid: xof(50_000) }));
    });

    it('withdraws from a deposit, never more than it holds', () => {
      const withdraw = (amount: Money, depositId = 'dat-1'): CompanyCommand => ({
        type: 'WithdrawGuaranteeFund',
        depositId,
        amount,
        withdrawnOn: '2009-01-01',
      });
      expect(when(history, withdraw(xof(40_000_000)))).toEqual([
        GuaranteeFundWithdrawn.create({
          companyId,
          depositId: 'dat-1',
          amount: xof(40_000_000),
          withdrawnOn: '2009-01-01',
        }),
      ]);
      expect(() => when(history, withdraw(xof(340_000_001)))).toThrow(
        expect.objectContaining({ constructor: WithdrawalExceedsDeposit, available: xof(340_000_000) }),
      );
      expect(() => when(history, withdraw(xof(1), 'nope'))).toThrow(DepositNotFound);
    });

    it('never withdraws below zero even when claims were paid from the fund', () => {
      const paidOut: CompanyEvent[] = [
        ...history,
        {
          type: 'guarantees.ClaimPaidFromFund',
          companyId,
          memberId: 'firm-a',
          guaranteeId: 'g',
          conventionId: 'c',
          amount: xof(300_000_000),
          paidOn: '2009-01-01',
        },
      ];
      expect(() =>
        when(paidOut, {
          type: 'WithdrawGuaranteeFund',
          depositId: 'dat-1',
          amount: xof(40_000_001),
          withdrawnOn: '2009-02-01',
        }),
      ).toThrow(expect.objectContaining({ constructor: InsufficientGuaranteeFund, fundBalance: xof(40_000_000) }));
    });

    it('lets a member leave only without guarantees in force, and then refuses it anything', () => {
      const guaranteed = [
        ...history,
        MemberLoanGuaranteed.create({
          companyId,
          memberId: 'firm-a',
          guaranteeId: 'g-1',
          conventionId: 'c',
          principal: xof(1_000),
          guaranteedAmount: xof(500),
          issuedOn: '2008-05-01',
        }),
      ];
      const leave: CompanyCommand = { type: 'RecordMemberDeparture', memberId: 'firm-a', leftOn: '2009-01-01' };
      expect(() => when(guaranteed, leave)).toThrow(
        expect.objectContaining({ constructor: MemberHasLiveGuarantees, liveGuarantees: 1 }),
      );
      const left = [...history, ...when(history, leave)];
      expect(standingProblem(registered(left).members.get('firm-a')!)).toBe('left');
      expect(() =>
        when(left, { type: 'SubscribeCapital', memberId: 'firm-a', amount: xof(1), subscribedOn: '2009-02-01' }),
      ).toThrow(MemberHasLeft);
    });

    it('survives a snapshot round trip', () => {
      const state = given(history);
      const snapshot = companyModel.snapshot!;
      expect(snapshot.decode(JSON.parse(JSON.stringify(snapshot.encode(state))))).toEqual(state);
    });
  });
});
