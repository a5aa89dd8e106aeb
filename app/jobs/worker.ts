// The graphile-worker runner. `npm start` runs it inside the web process; `npm run worker` runs it
// alone (production scales workers out as separate processes sharing the queue through PostgreSQL).
import { pathToFileURL } from 'node:url'
import { Logger as GraphileLogger, run, type Runner, type TaskList } from 'graphile-worker'
import { getEnv } from '#app/env.server'
import { getLogger } from '#app/logger.server'
import { queueWaitingResolutions } from '#app/services/resolutions/issue-resolution.server'
import { buildCrontab } from './crontab'
import { setWorkerStatus } from './worker-status'
import { task as deliverOutbox } from './tasks/deliver-outbox'
import { task as issueResolution } from './tasks/issue-resolution'
import { task as pollCarriers } from './tasks/poll-carriers'
import { task as reconcileResolutions } from './tasks/reconcile-resolutions'
import { task as scanDelays } from './tasks/scan-delays'

export const taskList: TaskList = {
  'poll-carriers': pollCarriers,
  'deliver-outbox': deliverOutbox,
  'scan-delays': scanDelays,
  'issue-resolution': issueResolution,
  'reconcile-resolutions': reconcileResolutions,
}

/**
 * How the runner takes and finishes jobs: a local queue of `concurrency + 1` jobs fetched (and locked) in
 * one query instead of one query per job, and completions written together on the next tick instead of
 * one statement each. Each saves a round trip per job, a seventh of an issued resolution's.
 * The price is in a crash: jobs waiting in the local queue or finished but not yet marked stay locked
 * until graphile-worker's lock expires (4 hours), or until the next start, which queues every waiting
 * resolution again (queueWaitingResolutions). Running them twice is harmless: every task re-reads its rows
 * under a lock and skips what is done, and every provider call carries an idempotency key.
 */
export function runnerBatching(concurrency: number) {
  return {
    worker: {
      localQueue: { size: concurrency + 1 },
      completeJobBatchDelay: 10,
      failJobBatchDelay: 10,
    },
  } satisfies GraphileConfig.Preset
}

export async function startWorker(options: {
  connectionString: string
  concurrency?: number
}): Promise<Runner> {
  const log = getLogger().child({ component: 'worker' })
  setWorkerStatus('starting')
  const logger = new GraphileLogger((scope) => (level, message, meta) => {
    const fn =
      level === 'error'
        ? log.error
        : level === 'warning'
          ? log.warn
          : level === 'debug'
            ? log.debug
            : log.info
    fn.call(
      log,
      { scope: { label: scope.label, taskIdentifier: scope.taskIdentifier, jobId: scope.jobId }, ...meta },
      message,
    )
  })
  try {
    const concurrency = options.concurrency ?? getEnv().WORKER_CONCURRENCY
    const runner = await run({
      connectionString: options.connectionString,
      concurrency,
      preset: runnerBatching(concurrency),
      noHandleSignals: true,
      pollInterval: 1000,
      logger,
      taskList,
      crontab: buildCrontab({ carrierPollCron: getEnv().CARRIER_POLL_CRON }),
    })
    setWorkerStatus('running')
    runner.promise.then(
      () => setWorkerStatus('stopped'),
      (err) => {
        setWorkerStatus('failed')
        log.error({ err }, 'worker stopped with an error')
      },
    )
    // A fresh start refreshes parcels right away instead of waiting for the first cron tick.
    await runner.addJob('poll-carriers', {}, { jobKey: 'poll-carriers', jobKeyMode: 'replace' })
    // Notices due since the last run (or for a freshly seeded demo) are queued now.
    await runner.addJob('scan-delays', {}, { jobKey: 'scan-delays', jobKeyMode: 'replace' })
    // Mail queued while no worker ran (or left 'sending' by one that died) goes out now.
    await runner.addJob('deliver-outbox', {}, { jobKey: 'deliver-outbox', jobKeyMode: 'preserve_run_at' })
    // Refunds, credits and coupons planned while no worker (or its schema) existed are issued now.
    await queueWaitingResolutions()
    return runner
  } catch (err) {
    setWorkerStatus('failed')
    throw err
  }
}

async function main() {
  const env = getEnv()
  if (!env.DATABASE_URL) {
    console.error('DATABASE_URL must be set to run the worker alone (npm start runs one in-process).')
    process.exit(1)
  }
  const runner = await startWorker({ connectionString: env.DATABASE_URL })
  const stop = async () => {
    await runner.stop()
    process.exit(0)
  }
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((err) => {
    console.error(err instanceof Error ? err.message : err)
    process.exit(1)
  })
}
