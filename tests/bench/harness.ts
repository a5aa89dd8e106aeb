// The benchmark contract: a `*.bench.ts` module default-exports `defineBench({ name, run })`; `run`
// returns figures, each with a target. Targets are reported, not enforced: a missed target prints MISSED
// but the run still succeeds; only a benchmark that throws (no valid figures) fails `npm run bench`.

/** `>= 0.6`, `<= 10`, or `info` for a figure recorded for the trend without a target. */
export type Target = `>= ${number}` | `<= ${number}` | 'info'

export interface Metric {
  bench: string
  metric: string
  value: number
  unit: string
  target: Target
  ok: boolean
}

export interface BenchContext {
  /** Repository root. */
  root: string
  /** A scratch directory for this benchmark, removed afterwards. */
  tmpDir: string
  /** Seconds each measurement runs (BENCH_DURATION, default 10); lower it for a quick smoke run. */
  durationSeconds: number
  log(message: string): void
  /** Registers cleanup (stop a server, drop a database); run in reverse order even when `run` throws. */
  defer(cleanup: () => unknown): void
}

export interface Bench {
  name: string
  run(ctx: BenchContext): Promise<Metric[]>
}

export function defineBench(bench: Bench): Bench {
  return bench
}

/** Builds a metric and grades it against its target, so a bench cannot state one target and grade another. */
export function metric(bench: string, name: string, value: number, unit: string, target: Target): Metric {
  return { bench, metric: name, value, unit, target, ok: meets(value, target) }
}

export function meets(value: number, target: Target): boolean {
  if (target === 'info') return true
  const [op, limit] = target.split(' ') as ['>=' | '<=', string]
  return op === '>=' ? value >= Number(limit) : value <= Number(limit)
}

export function status(m: Metric): 'ok' | 'MISSED' | 'info' {
  if (m.target === 'info') return 'info'
  return m.ok ? 'ok' : 'MISSED'
}

/** Plain-text table: one row per metric, numbers right-aligned. */
export function formatTable(metrics: Metric[]): string {
  const rows = [
    ['metric', 'value', 'unit', 'target', 'status'],
    ...metrics.map((m) => [m.metric, formatNumber(m.value), m.unit, m.target, status(m)]),
  ]
  const widths = rows[0]!.map((_, col) => Math.max(...rows.map((r) => r[col]!.length)))
  const line = (r: string[]) =>
    r.map((cell, col) => (col === 1 ? cell.padStart(widths[col]!) : cell.padEnd(widths[col]!))).join('  ')
  return [line(rows[0]!), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line)].join('\n')
}

export function formatNumber(value: number): string {
  if (Number.isInteger(value)) return String(value)
  return Math.abs(value) >= 100 ? value.toFixed(0) : value.toFixed(2)
}
