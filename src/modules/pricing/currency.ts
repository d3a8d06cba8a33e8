/**
 * ISO 4217 codes from the runtime's ICU data (CLDR), via
 * Intl.supportedValuesOf('currency') (Node 18+): kept current with Node
 * releases, no extra dependency. Only codes of real currencies are in it,
 * not test or fund codes such as XTS or XXX.
 */
const ISO_4217 = new Set<string>(Intl.supportedValuesOf('currency'));

/** The upper-case code when `value` (any case, surrounding blanks ignored) is a known ISO 4217 code. */
export function normaliseCurrency(value: string): string | null {
  const code = value.trim().toUpperCase();
  return /^[A-Z]{3}$/.test(code) && ISO_4217.has(code) ? code : null;
}
