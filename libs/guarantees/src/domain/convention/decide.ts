import { namingField, type BasisPoints, type Money, type Ratio } from '@ledger/money';
import {
  CompanyConventionSigned,
  requireAmount,
  requireOnOrAfter,
  type CompanyEvent,
  type RegisteredCompany,
} from '../company';
import { AlreadyExists, ConventionTerminated, InvalidInput } from '../errors';
import {
  BankConventionAmended,
  BankConventionSigned,
  BankConventionTerminated,
  type CeilingBasis,
  type ConventionEvent,
} from './events';
import { latestTerms, requireConvention } from './guards';
import type { ConventionState } from './state';

/**
 * New terms (a signature, an amendment that sets the multiplier) must give a capacity the ledger can
 * hold on the fund as it is: AMOUNT_OVERFLOW (nothing written) otherwise. The company is read for it,
 * so the command guards its stream.
 */
function requireCapacityInBounds(company: RegisteredCompany, multiplier: Ratio): void {
  if (company.fundBalance.isPositive())
    namingField('multiplier', () => company.fundBalance.multiplyByRatio(multiplier));
}

export interface TermsInput {
  readonly multiplier: Ratio;
  readonly coverageRate: BasisPoints;
  readonly ceilingBasis: CeilingBasis;
  readonly maxGuaranteedPerLoan: Money | null;
  readonly validUntil: string;
}

export interface SignConvention extends TermsInput {
  readonly conventionId: string;
  readonly companyId: string;
  readonly bankId: string;
  readonly validFrom: string;
  readonly signedOn: string;
}

function checkTerms(terms: TermsInput, company: RegisteredCompany, validFrom: string): void {
  if (terms.multiplier.isZero()) throw new InvalidInput('multiplier', 'must be greater than zero');
  if (terms.coverageRate.isZero()) throw new InvalidInput('coverageRate', 'must be greater than zero');
  if (terms.maxGuaranteedPerLoan !== null) requireAmount(company, terms.maxGuaranteedPerLoan, 'maxGuaranteedPerLoan');
  if (terms.validUntil < validFrom) throw new InvalidInput('validUntil', `must not be before validFrom (${validFrom})`);
}

export function signConvention(
  command: SignConvention,
  state: ConventionState,
  company: RegisteredCompany,
): ConventionEvent[] {
  if (state.status !== 'unsigned') throw new AlreadyExists('convention', command.conventionId);
  requireOnOrAfter('signedOn', command.signedOn, company.registeredOn, "the company's registration");
  checkTerms(command, company, command.validFrom);
  requireCapacityInBounds(company, command.multiplier);
  return [
    BankConventionSigned.create({
      conventionId: command.conventionId,
      companyId: company.companyId,
      bankId: command.bankId,
      currency: company.currency,
      validFrom: command.validFrom,
      signedOn: command.signedOn,
      terms: {
        version: 1,
        effectiveFrom: command.validFrom,
        multiplier: command.multiplier,
        coverageRate: command.coverageRate,
        ceilingBasis: command.ceilingBasis,
        maxGuaranteedPerLoan: command.maxGuaranteedPerLoan,
        validUntil: command.validUntil,
      },
    }),
  ];
}

/** Fields left undefined keep their current value; `maxGuaranteedPerLoan: null` removes the cap. */
export interface AmendConvention {
  readonly effectiveFrom: string;
  readonly amendedOn: string;
  readonly multiplier?: Ratio;
  readonly coverageRate?: BasisPoints;
  readonly ceilingBasis?: CeilingBasis;
  readonly maxGuaranteedPerLoan?: Money | null;
  readonly validUntil?: string;
}

export function amendConvention(
  command: AmendConvention,
  state: ConventionState,
  conventionId: string,
  company: RegisteredCompany,
): ConventionEvent[] {
  const convention = requireConvention(conventionId, state);
  if (convention.status === 'terminated') throw new ConventionTerminated(conventionId, convention.terminatedOn);
  const current = latestTerms(convention);
  requireOnOrAfter('amendedOn', command.amendedOn, convention.signedOn, 'the signature');
  requireOnOrAfter('effectiveFrom', command.effectiveFrom, current.effectiveFrom, "the current terms' effective date");
  const next: TermsInput = {
    multiplier: command.multiplier ?? current.multiplier,
    coverageRate: command.coverageRate ?? current.coverageRate,
    ceilingBasis: command.ceilingBasis ?? current.ceilingBasis,
    maxGuaranteedPerLoan:
      command.maxGuaranteedPerLoan === undefined ? current.maxGuaranteedPerLoan : command.maxGuaranteedPerLoan,
    validUntil: command.validUntil ?? current.validUntil,
  };
  checkTerms(next, company, convention.validFrom);
  if (command.multiplier !== undefined) requireCapacityInBounds(company, command.multiplier);
  if (next.validUntil < command.effectiveFrom) {
    throw new InvalidInput('validUntil', 'must not be before the amendment takes effect');
  }
  return [
    BankConventionAmended.create({
      conventionId,
      companyId: convention.companyId,
      amendedOn: command.amendedOn,
      terms: { ...next, version: current.version + 1, effectiveFrom: command.effectiveFrom },
    }),
  ];
}

export interface TerminateConvention {
  readonly terminatedOn: string;
  readonly reason: string;
}

export function terminateConvention(
  command: TerminateConvention,
  state: ConventionState,
  conventionId: string,
): ConventionEvent[] {
  const convention = requireConvention(conventionId, state);
  if (convention.status === 'terminated') throw new ConventionTerminated(conventionId, convention.terminatedOn);
  requireOnOrAfter('terminatedOn', command.terminatedOn, convention.signedOn, 'the signature');
  return [
    BankConventionTerminated.create({
      conventionId,
      companyId: convention.companyId,
      terminatedOn: command.terminatedOn,
      reason: command.reason.trim(),
    }),
  ];
}

/** The company's side of a signature: the conventions sharing its fund are listed on its stream. */
export function conventionSignedForCompany(events: readonly ConventionEvent[]): CompanyEvent[] {
  return events.flatMap((event) =>
    event.type === 'guarantees.BankConventionSigned'
      ? [
          CompanyConventionSigned.create({
            companyId: event.companyId,
            conventionId: event.conventionId,
            bankId: event.bankId,
            signedOn: event.signedOn,
          }),
        ]
      : [],
  );
}
