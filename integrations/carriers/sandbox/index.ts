// The sandbox carrier: a deterministic simulator that stands in for real carriers in the zero-config
// demo and in tests. It tracks any number of any carrier by reading that parcel's script (see
// simulator.ts) up to the requested moment, so polling it is pure computation and repeatable. It issues
// return labels as real PDFs (see label.ts), drawn when first downloaded, whose parcels then travel
// through the same simulator.
import type { Carrier } from '#integrations/carriers/carrier'
import { createSandboxReturnLabel, drawSandboxReturnLabel } from '#integrations/carriers/sandbox/label'
import { nextSandboxScan, sandboxSnapshot } from '#integrations/carriers/sandbox/simulator'

export function createSandboxCarrier(): Carrier {
  return {
    name: 'sandbox',
    // Async only to satisfy the interface: nothing here waits on IO.
    track: async (request) => sandboxSnapshot(request),
    createReturnLabel: (request) => createSandboxReturnLabel(request),
    drawReturnLabel: (spec) => drawSandboxReturnLabel(spec),
    simulateNextScan: (request) => nextSandboxScan(request),
  }
}

export {
  findTrackingNumber,
  hashTrackingNumber,
  SANDBOX_SCENARIOS,
  SCENARIO_WEIGHTS,
  scenarioFor,
  type SandboxScenario,
} from '#integrations/carriers/sandbox/scenarios'
export {
  isSandboxInternational,
  nextSandboxScan,
  planEvents,
  planReturnEvents,
  sandboxEventKey,
  sandboxSnapshot,
  type PlanInput,
  type PlannedEvent,
  type RevisedEta,
  type SandboxPlan,
} from '#integrations/carriers/sandbox/simulator'
