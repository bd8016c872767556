import fc from 'fast-check';
import { LOAN_REFERENCE_PATTERN } from '../ids';
import { normalizeLoanReference } from './loan-reference';

describe('normalizeLoanReference: one rule for a loan reference, stored and looked up', () => {
  it('drops surrounding spaces, collapses inner runs, folds compatibility forms and upper-cases', () => {
    expect(normalizeLoanReference('  cncas/2008/001 ')).toBe('CNCAS/2008/001');
    expect(normalizeLoanReference('bnk\t 2024 \n 7')).toBe('BNK 2024 7');
    // Full-width letters and digits, and a no-break space, as a phone keyboard may type them.
    expect(normalizeLoanReference('ｃｎｃａｓ-２００８\u00a0x')).toBe('CNCAS-2008 X');
    expect(normalizeLoanReference('CNCAS-2008-0017')).toBe('CNCAS-2008-0017');
  });

  it('is idempotent: normalising twice is normalising once', () => {
    // One pass is not enough here: upper-casing ΐ gives a sequence NFKC composes again.
    for (const raw of ['\u0390', ' \u03b0x ']) {
      expect(normalizeLoanReference(normalizeLoanReference(raw))).toBe(normalizeLoanReference(raw));
    }
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), (raw) => {
        const once = normalizeLoanReference(raw);
        expect(normalizeLoanReference(once)).toBe(once);
      }),
      { numRuns: 2_000 },
    );
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (raw) => {
        const once = normalizeLoanReference(raw);
        expect(normalizeLoanReference(once)).toBe(once);
      }),
      { numRuns: 2_000 },
    );
  });

  it('maps every case and spacing variant of a reference to the same one', () => {
    const reference = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._/-]{0,20}$/);
    const spaces = fc
      .array(fc.constantFrom(' ', '\t', '\n', '\u00a0', '\u3000'), { maxLength: 3 })
      .map((a) => a.join(''));
    fc.assert(
      fc.property(
        reference,
        fc.array(fc.boolean(), { minLength: 21, maxLength: 21 }),
        spaces,
        spaces,
        (ref, upper, before, after) => {
          const variant = [...ref].map((c, i) => (upper[i] ? c.toUpperCase() : c.toLowerCase())).join('');
          const typed = `${before}${variant}${after}`;
          expect(normalizeLoanReference(typed)).toBe(normalizeLoanReference(ref));
          expect(normalizeLoanReference(typed)).toBe(ref.toUpperCase());
          // A reference the ledger accepts stays accepted once normalised.
          expect(LOAN_REFERENCE_PATTERN.test(normalizeLoanReference(typed))).toBe(true);
        },
      ),
    );
  });
});
