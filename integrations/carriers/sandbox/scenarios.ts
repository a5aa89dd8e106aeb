// Which story the sandbox carrier tells about a parcel. The story is chosen from the tracking number
// alone, so a number behaves the same way on every poll, in every test run and on every machine; the
// mix of stories roughly follows what a shop sees in real life: most parcels arrive on time, some are
// late, a few stall, bounce or get lost. The demo seed asks for a number with a given story instead
// of hoping a random one has it.
import type { CarrierCode } from '#app/domain/tracking/carriers'
import { generateTrackingNumber } from '#integrations/carriers/formats'

export const SANDBOX_SCENARIOS = [
  'on_time',
  'delayed',
  'stalled',
  'failed_attempt',
  'exception_address',
  'exception_customs',
  'exception_damaged',
  'returned_to_sender',
  'lost',
] as const
export type SandboxScenario = (typeof SANDBOX_SCENARIOS)[number]

/** Share of parcels per scenario, in percent (sums to 100). */
export const SCENARIO_WEIGHTS: Readonly<Record<SandboxScenario, number>> = {
  on_time: 55,
  delayed: 12,
  stalled: 8,
  failed_attempt: 8,
  exception_address: 4,
  exception_customs: 4,
  exception_damaged: 3,
  returned_to_sender: 3,
  lost: 3,
}

/**
 * 32-bit FNV-1a over the UTF-16 code units, followed by the murmur3 finaliser. FNV-1a alone mixes its
 * last input characters poorly into the high bits, and our numbers from consecutive serials often
 * differ only there; the finaliser spreads every input bit over the whole word.
 */
export function hashTrackingNumber(value: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < value.length; i++) {
    h ^= value.charCodeAt(i)
    h = Math.imul(h, 0x01000193)
  }
  h ^= h >>> 16
  h = Math.imul(h, 0x85ebca6b)
  h ^= h >>> 13
  h = Math.imul(h, 0xc2b2ae35)
  h ^= h >>> 16
  return h >>> 0
}

// Cumulative upper bounds in hash space (0 … 2^32), computed once.
const SCENARIO_BOUNDS: readonly { scenario: SandboxScenario; below: number }[] = (() => {
  let cumulative = 0
  return SANDBOX_SCENARIOS.map((scenario) => {
    cumulative += SCENARIO_WEIGHTS[scenario]
    return { scenario, below: (cumulative / 100) * 2 ** 32 }
  })
})()

/** The scenario for an already computed `hashTrackingNumber` value. */
export function scenarioForHash(hash: number): SandboxScenario {
  for (const bound of SCENARIO_BOUNDS) if (hash < bound.below) return bound.scenario
  return 'on_time'
}

/** The story the sandbox tells for this tracking number. Same number, same scenario, always. */
export function scenarioFor(trackingNumber: string): SandboxScenario {
  return scenarioForHash(hashTrackingNumber(trackingNumber))
}

// The rarest scenario has a 3% share, so a miss this long is beyond any realistic bad luck (0.97^2000).
const MAX_SEARCH = 2_000

/**
 * The first real-format tracking number of `carrier`, from `startSerial` upwards, whose scenario is
 * `scenario`. Pass different start serials to get several distinct numbers with the same story.
 */
export function findTrackingNumber(carrier: CarrierCode, scenario: SandboxScenario, startSerial = 0): string {
  for (let serial = startSerial; serial < startSerial + MAX_SEARCH; serial++) {
    const trackingNumber = generateTrackingNumber(carrier, serial)
    if (scenarioFor(trackingNumber) === scenario) return trackingNumber
  }
  throw new Error(`No ${carrier} tracking number with scenario ${scenario} from serial ${startSerial}`)
}
