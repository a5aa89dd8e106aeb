// Runs the real app as a child process: the e2e global setup (local runs) and the benchmarks both use it.
// A child process rather than `startHomebound()` in-process so the server gets a core of its own on a
// 2-core machine and is shut down by a real signal, the way production stops it.
import { spawn, spawnSync } from 'node:child_process'
import { closeSync, existsSync, openSync, readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..')

export interface AppServer {
  url: string
  pid: number
  logFile: string
  /** SIGTERM, then wait for a clean exit (30 s) before forcing it. */
  stop(): Promise<void>
}

import { freePort } from '../../db/embedded'

export { freePort }

/** `remix build` into build/; the server only serves the production build. */
export function buildApp() {
  const started = Date.now()
  const result = spawnSync(path.join(root, 'node_modules', '.bin', 'remix'), ['build'], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
    encoding: 'utf8',
    env: { ...process.env, NODE_ENV: 'production' },
  })
  if (result.status !== 0) {
    throw new Error(`remix build failed (exit ${result.status}):\n${result.stdout}\n${result.stderr}`)
  }
  return Date.now() - started
}

export async function startAppServer(options: {
  /** Overrides on top of the inherited environment; `undefined` removes a variable. */
  env: Record<string, string | undefined>
  logFile: string
  /** Where embedded PostgreSQL keeps its cluster, so a wedged postmaster can be found and stopped. */
  dataDir?: string
  readyTimeoutMs?: number
}): Promise<AppServer> {
  const port = Number(options.env.PORT ?? (await freePort()))
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port) }
  for (const [key, value] of Object.entries(options.env)) {
    if (value === undefined) delete env[key]
    else env[key] = value
  }
  const url = `http://127.0.0.1:${port}`
  const log = openSync(options.logFile, 'a')
  // `node --import tsx` is `tsx server.ts` without tsx's extra relay process: one pid to signal.
  // Output goes straight to a file so a chatty server never waits on our event loop.
  const child = spawn(process.execPath, ['--import', 'tsx', 'server.ts'], {
    cwd: root,
    env,
    stdio: ['ignore', log, log],
  })
  closeSync(log)
  let exited: { code: number | null; signal: NodeJS.Signals | null } | undefined
  const exit = new Promise<void>((resolve) => {
    child.once('exit', (code, signal) => {
      exited = { code, signal }
      resolve()
    })
  })

  const stop = async () => {
    if (exited) return
    child.kill('SIGTERM')
    let timer: NodeJS.Timeout | undefined
    const clean = await Promise.race([
      exit.then(() => true),
      new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), 30_000))),
    ])
    clearTimeout(timer)
    if (!clean) {
      console.warn(`server pid ${child.pid} ignored SIGTERM for 30 s; killing it (log: ${options.logFile})`)
      child.kill('SIGKILL')
      await exit
    }
    // A killed server leaves its embedded postmaster running; stop it so the data dir can be removed.
    if (options.dataDir) stopOrphanPostmaster(options.dataDir)
  }

  const deadline = Date.now() + (options.readyTimeoutMs ?? 180_000)
  let last = 'no answer'
  while (Date.now() < deadline) {
    if (exited) {
      throw new Error(
        `server exited (code ${exited.code}, signal ${exited.signal}) before /healthz was ready:\n` +
          tail(options.logFile),
      )
    }
    try {
      const res = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2_000) })
      last = `${res.status} ${await res.text()}`
      if (res.status === 200) return { url, pid: child.pid!, logFile: options.logFile, stop }
    } catch (error) {
      last = error instanceof Error ? error.message : String(error)
    }
    await delay(250)
  }
  await stop()
  throw new Error(`GET ${url}/healthz not 200 in time (last: ${last}):\n${tail(options.logFile)}`)
}

function stopOrphanPostmaster(dataDir: string) {
  for (const pidFile of findFiles(dataDir, 'postmaster.pid', 3)) {
    const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0])
    if (!Number.isInteger(pid) || pid <= 0) continue
    try {
      // SIGQUIT = PostgreSQL's immediate shutdown: the data dir is scratch, recovery does not matter.
      process.kill(pid, 'SIGQUIT')
    } catch {
      // Already gone; the pid file is stale.
    }
  }
}

function findFiles(dir: string, name: string, depth: number): string[] {
  if (depth < 0 || !existsSync(dir)) return []
  const found: string[] = []
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name)
    if (entry.isFile() && entry.name === name) found.push(full)
    else if (entry.isDirectory()) found.push(...findFiles(full, name, depth - 1))
  }
  return found
}

export function tail(file: string, lines = 60) {
  if (!existsSync(file)) return '(no log)'
  return readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n')
}

export function delay(ms: number) {
  return new Promise<void>((resolve) => setTimeout(resolve, ms))
}
