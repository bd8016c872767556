import { toCardinal as toCardinalEn } from 'n2words/en-US';
import { toCardinal as toCardinalFr } from 'n2words/fr-FR';
import { splitMinor, type MoneyJson } from './money';

/** A whole number in words ("deux cent mille", "two hundred thousand"), exact on bigint. */
export function numberInWords(value: bigint, language: 'fr' | 'en'): string {
  return language === 'fr' ? toCardinalFr(value) : toCardinalEn(value);
}

/**
 * An amount in words, the way a cheque says it: "deux cent mille dirhams et cinquante centimes".
 * The currency names come from the catalogue (`common:currency.<code>` with plurals), given here.
 */
export function amountInWords(
  money: MoneyJson,
  language: 'fr' | 'en',
  names: (unit: 'major' | 'minor', count: bigint) => string,
): string {
  const { major, minor } = splitMinor(money.amountMinor, money.currency);
  // "un million de dirhams", "deux milliards de francs CFA".
  const majorWords = numberInWords(major, language);
  const of = language === 'fr' && /(million|milliard)s?$/.test(majorWords) ? ' de' : '';
  const majorText = `${majorWords}${of} ${names('major', major)}`;
  if (minor === 0n) return majorText;
  const and = language === 'fr' ? 'et' : 'and';
  return `${majorText} ${and} ${numberInWords(minor, language)} ${names('minor', minor)}`;
}
