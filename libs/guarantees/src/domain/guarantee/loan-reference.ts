/**
 * A bank's loan reference, as the ledger stores it and looks it up: one rule, applied when a
 * guarantee is issued (the event records the normalised reference), when an older event is
 * projected, and to whatever a bank types in a lookup or a search.
 *
 * Surrounding spaces are dropped, every inner run of whitespace becomes one space, compatibility
 * forms are folded (NFKC: a full-width `Ｌ` is `L`, a no-break space is a space) and the result is
 * upper-cased — so ` bnk-2024 / 7 ` and `BNK-2024 / 7` are the same loan.
 */
export function normalizeLoanReference(raw: string): string {
  // One pass can leave work for a second in rare Unicode corners (upper-casing a character whose
  // capital NFKC folds again, a combining mark left next to a collapsed space), so the rule is
  // applied until it no longer changes anything: normalising twice is normalising once.
  let current = raw;
  for (let pass = 0; pass < 8; pass += 1) {
    const next = onePass(current);
    if (next === current) return next;
    current = next;
  }
  return current;
}

function onePass(value: string): string {
  return value.normalize('NFKC').trim().replace(/\s+/gu, ' ').toUpperCase();
}
