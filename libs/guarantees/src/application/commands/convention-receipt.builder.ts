import { figuresOf, latestTerms, type RegisteredCompany, type SignedConvention } from '../../domain';
import { moneyView } from './command-support';
import type { ConventionReceipt } from './convention-receipt';

/** The convention as recorded, with the figures its latest terms give on the company's fund. */
export function conventionReceipt(convention: SignedConvention, company: RegisteredCompany): ConventionReceipt {
  const terms = latestTerms(convention);
  const figures = figuresOf(convention, terms, company.fundBalance);
  return {
    conventionId: convention.conventionId,
    status: convention.status,
    termsVersion: terms.version,
    multiplier: terms.multiplier.toString(),
    capacity: moneyView(figures.capacity),
    outstanding: moneyView(figures.outstanding),
    headroom: moneyView(figures.headroom),
  };
}
