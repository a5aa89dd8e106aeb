// Money is counted in whole minor units (cents, pence, grosze, kopecks) together with its ISO 4217 currency
// code, never in floating-point major units, so sums and splits are exact. When an amount has to be split
// (an order discount over its lines, a line's total over its units) the parts always add back up to exactly
// the whole: each part first gets its proportional share rounded down, and the few units left over go to
// the parts that lost the most to rounding (the "largest remainder" method), ties going to the earlier
// part. Percentages (fees, bonuses) are rounded to the nearest minor unit, halves away from zero.

export type Money = { amountMinor: number; currency: string }

const CURRENCY_CODE = /^[A-Z]{3}$/

/** Percentages are exact to this many decimal places (12.3456%); finer ones are rejected, not rounded. */
const PERCENT_DECIMALS = 4
const PERCENT_SCALE = 10 ** PERCENT_DECIMALS

export function isCurrencyCode(code: string): boolean {
  return CURRENCY_CODE.test(code)
}

/** Throws unless `value` is a whole number of minor units within the safe-integer range. */
export function assertMinor(value: number, label = 'amount'): void {
  if (!Number.isSafeInteger(value)) {
    throw new RangeError(`${label} must be a whole number of minor units, got ${value}`)
  }
}

/** Throws unless `value` is a whole, non-negative number of minor units. */
export function assertNonNegativeMinor(value: number, label = 'amount'): void {
  assertMinor(value, label)
  if (value < 0) throw new RangeError(`${label} must not be negative, got ${value}`)
}

/** Builds a Money value; throws on a fractional amount or a currency that is not three uppercase letters. */
export function money(amountMinor: number, currency: string): Money {
  assertMinor(amountMinor)
  if (!isCurrencyCode(currency))
    throw new RangeError(`currency must be an ISO 4217 code like 'USD', got '${currency}'`)
  return { amountMinor, currency }
}

/** Sums whole minor-unit amounts; throws if any is fractional or the sum leaves the safe-integer range. */
export function sum(amounts: readonly number[]): number {
  let total = 0
  amounts.forEach((a, i) => {
    assertMinor(a, `amounts[${i}]`)
    total += a
  })
  assertMinor(total, 'sum')
  return total
}

/** Sums Money values of one currency. Throws when currencies are mixed: there is no implicit conversion. */
export function sumMoney(items: readonly Money[], currency: string): Money {
  for (const m of items) {
    if (m.currency !== currency) throw new RangeError(`cannot add ${m.currency} to ${currency}`)
  }
  return money(sum(items.map((m) => m.amountMinor)), currency)
}

/**
 * `percent`% of `amountMinor`, rounded to the nearest minor unit with halves away from zero
 * (10% of 695 = 69.5 → 70; of −695 → −70). `percent` must be ≥ 0 with at most 4 decimal places;
 * the arithmetic is exact (BigInt), so large amounts do not pick up floating-point error.
 */
export function percentOf(amountMinor: number, percent: number): number {
  assertMinor(amountMinor)
  if (!Number.isFinite(percent) || percent < 0) {
    throw new RangeError(`percent must be a finite number ≥ 0, got ${percent}`)
  }
  const scaled = Math.round(percent * PERCENT_SCALE)
  if (Math.abs(scaled - percent * PERCENT_SCALE) > 1e-6 * Math.max(1, scaled)) {
    throw new RangeError(`percent may have at most ${PERCENT_DECIMALS} decimal places, got ${percent}`)
  }
  const numerator = BigInt(amountMinor) * BigInt(scaled)
  const denominator = BigInt(100 * PERCENT_SCALE)
  const magnitude = numerator < 0n ? -numerator : numerator
  let quotient = magnitude / denominator
  if ((magnitude % denominator) * 2n >= denominator) quotient += 1n
  return Number(numerator < 0n ? -quotient : quotient)
}

/**
 * Splits `total` minor units over `weights` in proportion, by the largest-remainder method. The parts are
 * whole numbers that sum to exactly `total`; each is within one unit of its exact share; a zero weight
 * always gets 0; equal remainders are broken by position (lower index first), so the result is
 * deterministic. Weights are whole, non-negative numbers (minor units or counts). Throws when a non-zero
 * total has nowhere to go (every weight is 0), or on fractional / negative input.
 */
export function allocateProportionally(total: number, weights: readonly number[]): number[] {
  assertNonNegativeMinor(total, 'total')
  weights.forEach((w, i) => assertNonNegativeMinor(w, `weights[${i}]`))
  const weightSum = weights.reduce((acc, w) => acc + BigInt(w), 0n)
  if (weightSum === 0n) {
    if (total === 0) return weights.map(() => 0)
    throw new RangeError('cannot allocate a non-zero total when every weight is 0')
  }
  // BigInt: total × weight can pass 2^53 for large shops' totals, and one lost unit breaks "sums exactly".
  const t = BigInt(total)
  const parts = weights.map((w) => (t * BigInt(w)) / weightSum)
  const remainders = weights.map((w) => (t * BigInt(w)) % weightSum)
  let left = t - parts.reduce((acc, p) => acc + p, 0n)
  const byRemainder = weights
    .map((_, i) => i)
    .filter((i) => weights[i]! > 0)
    .sort((a, b) => {
      const ra = remainders[a]!
      const rb = remainders[b]!
      return ra === rb ? a - b : rb > ra ? 1 : -1
    })
  // `left` is always smaller than the number of parts with a non-zero remainder, so one pass suffices.
  for (const i of byRemainder) {
    if (left === 0n) break
    parts[i] = parts[i]! + 1n
    left -= 1n
  }
  return parts.map(Number)
}
