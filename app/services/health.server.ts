import { db } from '#db/client'
import { pingDatabase } from '#db/queries/health'
import { getWorkerStatus, type WorkerStatus } from '#app/jobs/worker-status'

export interface Health {
  ok: boolean
  database: 'up' | 'down'
  worker: WorkerStatus
}

/** Healthy when the database answers and the worker (if this process runs one) is running. */
export async function checkHealth(): Promise<Health> {
  const database = (await pingDatabase(db)) ? 'up' : 'down'
  const worker = getWorkerStatus()
  return { ok: database === 'up' && (worker === 'running' || worker === 'disabled'), database, worker }
}
