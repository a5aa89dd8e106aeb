// Whether this process runs the job worker, for /healthz. On globalThis because the Remix bundle and
// the boot code load separate copies of this module.
export type WorkerStatus = 'starting' | 'running' | 'stopped' | 'disabled' | 'failed'

const key = Symbol.for('homebound.workerStatus')
type G = typeof globalThis & { [key]?: WorkerStatus }

export function setWorkerStatus(status: WorkerStatus) {
  ;(globalThis as G)[key] = status
}

export function getWorkerStatus(): WorkerStatus {
  return (globalThis as G)[key] ?? 'disabled'
}
