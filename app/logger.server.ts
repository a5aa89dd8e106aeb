// Structured JSON logs (pino). One root logger per process; requests get a child with their id.
import pino, { type Logger } from 'pino'

const key = Symbol.for('homebound.logger')
type G = typeof globalThis & { [key]?: Logger }

export function getLogger(): Logger {
  const g = globalThis as G
  return (g[key] ??= pino({
    level: process.env.LOG_LEVEL ?? 'info',
    base: { app: 'homebound' },
    // NOTE: never log secrets; these paths cover the places they could appear.
    redact: ['req.headers.cookie', 'req.headers.authorization', 'password', '*.password', 'token', '*.token'],
  }))
}

export type { Logger }
