import { db } from '#db/client'
import { pingDatabase } from '#db/queries/health'
import { getWorkerStatus, type WorkerStatus } from '#app/jobs/worker-status'

export interface Health {
  ok: boolean
  database: 'up' | 'down'
  worker: WorkerStatus
  /** What keeps the process from being healthy, in words for whoever reads the probe's answer. */
  problems: string[]
}

/** What checkHealth asks; tests pass their own to see the answer when the database or worker fails. */
export interface HealthProbes {
  /** Resolves true when the database answers a trivial query. */
  database?: () => Promise<boolean>
  worker?: () => WorkerStatus
  /** How long the database may take before it counts as down (a hung connection must not hang the probe). */
  timeoutMs?: number
}

const WORKER_PROBLEMS: Partial<Record<WorkerStatus, string>> = {
  starting: 'the job worker is still starting',
  failed: 'the job worker failed to start or crashed',
  stopped: 'the job worker has stopped',
}

function withTimeout(check: Promise<boolean>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), ms)
  })
  return Promise.race([check.catch(() => false), timeout]).finally(() => clearTimeout(timer))
}

/** Healthy when the database answers and the worker (if this process runs one) is running. */
export async function checkHealth(probes: HealthProbes = {}): Promise<Health> {
  const ping = probes.database ?? (() => pingDatabase(db))
  const timeoutMs = probes.timeoutMs ?? 5_000
  const database = (await withTimeout(ping(), timeoutMs)) ? 'up' : 'down'
  const worker = (probes.worker ?? getWorkerStatus)()
  const problems: string[] = []
  if (database === 'down') problems.push(`the database did not answer within ${timeoutMs / 1000} s`)
  const workerProblem = WORKER_PROBLEMS[worker]
  if (workerProblem) problems.push(workerProblem)
  return { ok: problems.length === 0, database, worker, problems }
}
