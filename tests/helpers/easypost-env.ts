// EasyPost switched on through the environment, exactly as in production (the adapter's host is
// api.easypost.com, which MSW fakes), and the environment given back after each test.
import { afterEach, beforeEach } from 'vitest'
import { resetEnvCache } from '#app/env.server'
import { resetCarrier } from '#integrations/carriers'

export function switchEasypostOn(webhookSecret: string) {
  const saved = { key: process.env.EASYPOST_API_KEY, secret: process.env.EASYPOST_WEBHOOK_SECRET }
  beforeEach(() => {
    process.env.EASYPOST_API_KEY = 'EZTKintegration'
    process.env.EASYPOST_WEBHOOK_SECRET = webhookSecret
    resetEnvCache()
    resetCarrier()
  })
  afterEach(() => {
    for (const [name, value] of [
      ['EASYPOST_API_KEY', saved.key],
      ['EASYPOST_WEBHOOK_SECRET', saved.secret],
    ] as const) {
      if (value === undefined) delete process.env[name]
      else process.env[name] = value
    }
    resetEnvCache()
    resetCarrier()
  })
}
