// Structured JSON logs (pino). One root logger per process; requests get a child with their id.
import pino, { type Logger } from 'pino'

const key = Symbol.for('homebound.logger')
type G = typeof globalThis & { [key]?: Logger }

export function getLogger(): Logger {
  const g = globalThis as G
  return (g[key] ??= pino(
    {
      level: process.env.LOG_LEVEL ?? 'info',
      base: { app: 'homebound' },
      // NOTE: never log secrets; these paths cover the places they could appear.
      redact: [
        'req.headers.cookie',
        'req.headers.authorization',
        'password',
        '*.password',
        'token',
        '*.token',
      ],
    },
    // Buffered, asynchronous writes: a synchronous write per request line (stdout is often a pipe under
    // npm and tsx) cost more than rendering the page. flushLogs() runs at shutdown.
    pino.destination({ dest: 1, sync: false, minLength: 4096 }),
  ))
}

/** Writes out buffered log lines (call before the process exits). */
export function flushLogs() {
  const logger = (globalThis as G)[key]
  if (logger) logger.flush()
}

export type { Logger }
