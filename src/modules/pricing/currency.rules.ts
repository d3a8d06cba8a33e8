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

/** Digits after the decimal point of a currency's minor unit (2 for USD, 0 for JPY). */
function minorDigits(currency: string): number {
  return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions()
    .maximumFractionDigits as number;
}

/** An amount in minor units as a person reads it: "USD 89.00", "JPY 1200". */
export function formatMoney(minorUnits: number, currency: string): string {
  const digits = minorDigits(currency);
  const sign = minorUnits < 0 ? '-' : '';
  const units = String(Math.abs(minorUnits)).padStart(digits + 1, '0');
  const whole = units.slice(0, units.length - digits);
  return `${currency} ${sign}${digits ? `${whole}.${units.slice(-digits)}` : whole}`;
}
