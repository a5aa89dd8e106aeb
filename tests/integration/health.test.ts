import { afterEach, describe, expect, test } from 'vitest'
import { loader } from '#app/routes/healthz'
import { getWorkerStatus, setWorkerStatus, type WorkerStatus } from '#app/jobs/worker-status'
import { checkHealth } from '#app/services/health.server'
import { callLoader, getRequest } from '#tests/helpers/requests'

const healthz = () => callLoader(loader, getRequest('http://localhost/healthz'))
const initialWorker = getWorkerStatus()
afterEach(() => setWorkerStatus(initialWorker))

test('the health check answers 200 with the database up and is never cached', async () => {
  const response = await healthz()
  expect(response.status).toBe(200)
  expect(response.headers.get('Cache-Control')).toBe('no-store')
  expect(await response.json()).toEqual({ ok: true, database: 'up', worker: 'disabled', problems: [] })
})

test('a process whose worker is running is healthy too', async () => {
  setWorkerStatus('running')
  const response = await healthz()
  expect(response.status).toBe(200)
  expect(await response.json()).toMatchObject({ ok: true, worker: 'running' })
})

describe('a worker that is not running makes the process unhealthy (503, so no traffic is sent to it)', () => {
  test.each<[WorkerStatus, string]>([
    ['starting', 'the job worker is still starting'],
    ['failed', 'the job worker failed to start or crashed'],
    ['stopped', 'the job worker has stopped'],
  ])('%s', async (status, problem) => {
    setWorkerStatus(status)
    const response = await healthz()
    expect(response.status).toBe(503)
    expect(response.headers.get('Cache-Control')).toBe('no-store')
    expect(await response.json()).toEqual({ ok: false, database: 'up', worker: status, problems: [problem] })
  })
})

describe('a database that does not answer makes the process unhealthy', () => {
  test('a failing query', async () => {
    const health = await checkHealth({ database: () => Promise.reject(new Error('ECONNREFUSED')) })
    expect(health).toEqual({
      ok: false,
      database: 'down',
      worker: 'disabled',
      problems: ['the database did not answer within 5 s'],
    })
  })

  test('a query that hangs counts as down once the timeout passes, instead of hanging the probe', async () => {
    const health = await checkHealth({ database: () => new Promise<boolean>(() => {}), timeoutMs: 50 })
    expect(health).toMatchObject({
      ok: false,
      database: 'down',
      problems: ['the database did not answer within 0.05 s'],
    })
  })

  test('both problems are named when both fail', async () => {
    const health = await checkHealth({ database: async () => false, worker: () => 'failed' })
    expect(health.ok).toBe(false)
    expect(health.problems).toEqual([
      'the database did not answer within 5 s',
      'the job worker failed to start or crashed',
    ])
  })

  test('the route answers 503 with the problem when the database is down', async () => {
    // The real pool, pointed at a port where nothing listens: the route's own check must see it fail.
    const { closeDb } = await import('#db/client')
    const saved = process.env.DATABASE_URL!
    await closeDb()
    process.env.DATABASE_URL = 'postgres://postgres@127.0.0.1:1/nothing'
    try {
      const response = await healthz()
      expect(response.status).toBe(503)
      expect(await response.json()).toMatchObject({ ok: false, database: 'down' })
    } finally {
      await closeDb()
      process.env.DATABASE_URL = saved
    }
  })
})
