/**
 * Amounts are whole numbers in a currency's smallest unit (docs/rules.md): cents for USD and THB, yen
 * for JPY. A payment provider that speaks in the major unit (LINE Pay) is given and read amounts
 * through these, so that a USD refund of 1050 is 10.50 dollars, not 1050 dollars.
 */

/**
 * Where the unit in use differs from ISO 4217: New Taiwan dollars are counted whole (ISO lists two
 * decimals; shops, Cyberbiz and LINE Pay use none).
 */
const MINOR_DIGITS_IN_USE: Readonly<Record<string, number>> = { TWD: 0 };

const digitsByCurrency = new Map<string, number>();

/** Digits after the decimal point of the currency's smallest unit: 0 for JPY and TWD, 2 for USD and THB, 3 for KWD. */
export function minorDigits(currency: string): number {
  let digits = digitsByCurrency.get(currency);
  if (digits === undefined) {
    // ISO 4217's minor units, as the platform's Intl data knows them; building a format is slow, so once per currency.
    digits = MINOR_DIGITS_IN_USE[currency] ?? new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions().maximumFractionDigits ?? 2;
    digitsByCurrency.set(currency, digits);
  }
  return digits;
}

/** 1050 USD (cents) → 10.5; 1200 TWD → 1200. */
export function toMajorUnits(amount: number, currency: string): number {
  const digits = minorDigits(currency);
  // Divided as decimal text, not as a float product: 10.5, never 10.500000000000002.
  return digits === 0 ? amount : Number((amount / 10 ** digits).toFixed(digits));
}

/** 10.5 USD → 1050 (cents). Null when the value has more decimals than the currency has: it names no amount of it. */
export function fromMajorUnits(value: number, currency: string): number | null {
  const digits = minorDigits(currency);
  const minor = Math.round(value * 10 ** digits);
  return Math.abs(minor - value * 10 ** digits) < 1e-6 ? minor : null;
}
