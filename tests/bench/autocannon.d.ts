// autocannon ships no types and @types/autocannon lags its major versions; this covers the part the
// benchmarks use (autocannon 8: lib/aggregateResult.js).
declare module 'autocannon' {
  interface Options {
    url: string
    connections?: number
    duration?: number
    pipelining?: number
    timeout?: number
    method?: string
    headers?: Record<string, string>
    body?: string
  }

  interface Histogram {
    average: number
    mean: number
    stddev: number
    min: number
    max: number
    total: number
    p50: number
    p90: number
    p97_5: number
    p99: number
  }

  interface Result {
    url: string
    connections: number
    duration: number
    errors: number
    timeouts: number
    non2xx: number
    '2xx': number
    statusCodeStats: Record<string, { count: number }>
    /** milliseconds */
    latency: Histogram
    /** requests per second, sampled each second */
    requests: Histogram & { sent: number }
    throughput: Histogram
  }

  function autocannon(options: Options): Promise<Result>
  export default autocannon
  export type { Options, Result }
}
