import { ValidateBy, type ValidationOptions } from 'class-validator';

/**
 * Characters that show nothing: white space and separators (Zs, Zl, Zp), controls (Cc), format
 * characters (Cf: zero-width spaces and joiners U+200B–U+200F, bidi controls U+202A–U+202E and
 * U+2066–U+2069, word joiners U+2060–U+2064, U+FEFF, the soft hyphen U+00AD), and the blank
 * letters that render as nothing (the combining grapheme joiner, Hangul fillers, the braille blank).
 */
const INVISIBLE_ONLY = /^[\p{Zs}\p{Zl}\p{Zp}\p{Cc}\p{Cf}\u034F\u115F\u1160\u3164\uFFA0\u2800]*$/u;

/** Whether a text shows something: not empty after trimming, and not only invisible or bidi-control characters. */
export function isMeaningfulText(value: unknown): boolean {
  return typeof value === 'string' && !INVISIBLE_ONLY.test(value);
}

/**
 * A name, reference, label or reason a person will read: refused when empty after trimming, or
 * made only of invisible or bidi-control characters ("\u200B", "\u202E "), naming the field.
 * A value that is not a string is left to `@IsString()`.
 */
export function IsMeaningfulText(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isMeaningfulText',
      validator: { validate: (value) => typeof value !== 'string' || isMeaningfulText(value) },
    },
    {
      message: '$property must contain visible characters (not only spaces, zero-width or bidi-control characters)',
      ...options,
    },
  );
}
