import { expect, test } from 'vitest'
import { EnvError, parseEnv } from '#app/env.server'

test('nothing configured is a valid zero-config environment', () => {
  const env = parseEnv({})
  expect(env).toMatchObject({
    PORT: 3000,
    HOST: '0.0.0.0',
    DATA_DIR: './.data',
    RUN_WORKER: true,
    SEED_DEMO: true,
  })
  expect(env.DATABASE_URL).toBeUndefined()
})

test('a bad value names the variable and says what is wrong, without printing the value', () => {
  const secret = 'short-secret-value'
  let error: unknown
  try {
    parseEnv({ PORT: 'eighty', SESSION_SECRET: secret, DATABASE_URL: 'mysql://x' })
  } catch (e) {
    error = e
  }
  expect(error).toBeInstanceOf(EnvError)
  const message = (error as Error).message
  expect(message).toMatch(/PORT: must be a port number from 0 to 65535/)
  expect(message).toMatch(/SESSION_SECRET: must be at least 32 characters/)
  expect(message).toMatch(/DATABASE_URL: must be a postgres/)
  expect(message).not.toContain(secret)
})

test('an empty variable counts as unset rather than as an empty secret', () => {
  expect(parseEnv({ SESSION_SECRET: '', DATABASE_URL: '' }).SESSION_SECRET).toBeUndefined()
})

test('boolean switches accept the usual spellings', () => {
  expect(parseEnv({ RUN_WORKER: 'false' }).RUN_WORKER).toBe(false)
  expect(parseEnv({ RUN_WORKER: '1' }).RUN_WORKER).toBe(true)
  expect(() => parseEnv({ RUN_WORKER: 'maybe' })).toThrow(/RUN_WORKER/)
})

test('EasyPost is switched on by its key and webhook secret together, never by one of them', () => {
  const env = parseEnv({ EASYPOST_API_KEY: 'EZAKlive123', EASYPOST_WEBHOOK_SECRET: 'a-long-secret' })
  expect(env.EASYPOST_API_KEY).toBe('EZAKlive123')
  expect(() => parseEnv({ EASYPOST_API_KEY: 'EZAKlive123' })).toThrow(
    /EASYPOST_WEBHOOK_SECRET: must be set together with EASYPOST_API_KEY/,
  )
  expect(() => parseEnv({ EASYPOST_WEBHOOK_SECRET: 'a-long-secret' })).toThrow(
    /EASYPOST_API_KEY: must be set together with EASYPOST_WEBHOOK_SECRET/,
  )
  expect(() => parseEnv({ EASYPOST_API_KEY: 'EZ AK', EASYPOST_WEBHOOK_SECRET: 'a-long-secret' })).toThrow(
    /EASYPOST_API_KEY: must be an EasyPost API key/,
  )
})

test('Stripe is switched on by its secret key; its API base needs the key and must be an origin', () => {
  const env = parseEnv({ STRIPE_SECRET_KEY: 'sk_test_abc123', STRIPE_API_BASE: 'http://localhost:12111' })
  expect(env.STRIPE_SECRET_KEY).toBe('sk_test_abc123')
  expect(env.STRIPE_API_BASE).toBe('http://localhost:12111')
  expect(() => parseEnv({ STRIPE_SECRET_KEY: 'pk_test_abc123' })).toThrow(
    /STRIPE_SECRET_KEY: must be a Stripe secret key/,
  )
  expect(() => parseEnv({ STRIPE_API_BASE: 'https://api.stripe.com' })).toThrow(
    /STRIPE_API_BASE: is only used together with STRIPE_SECRET_KEY/,
  )
  expect(() => parseEnv({ STRIPE_SECRET_KEY: 'sk_test_abc123', STRIPE_API_BASE: 'api.stripe.com' })).toThrow(
    /STRIPE_API_BASE: must be an http\(s\) origin/,
  )
})

test('the Stripe webhook secret is a whsec_ signing secret and only goes with the key', () => {
  const env = parseEnv({ STRIPE_SECRET_KEY: 'sk_test_abc123', STRIPE_WEBHOOK_SECRET: 'whsec_abc123' })
  expect(env.STRIPE_WEBHOOK_SECRET).toBe('whsec_abc123')
  expect(() => parseEnv({ STRIPE_SECRET_KEY: 'sk_test_abc123', STRIPE_WEBHOOK_SECRET: 'abc123' })).toThrow(
    /STRIPE_WEBHOOK_SECRET: must be the signing secret of the Stripe webhook endpoint/,
  )
  expect(() => parseEnv({ STRIPE_WEBHOOK_SECRET: 'whsec_abc123' })).toThrow(
    /STRIPE_WEBHOOK_SECRET: is only used together with STRIPE_SECRET_KEY/,
  )
})
