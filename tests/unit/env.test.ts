import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, test } from 'vitest'
import { EnvError, EnvSchema, parseEnv } from '#app/env.server'
import { parsePoolSize } from '#app/pool-size'
import { STRIPE_WEBHOOK_EVENTS } from '#integrations/payments/stripe-webhooks'

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

describe('DATABASE_POOL_SIZE', () => {
  test('defaults to 10 connections and accepts a whole number from 1 to 100', () => {
    expect(parseEnv({}).DATABASE_POOL_SIZE).toBe(10)
    expect(parseEnv({ DATABASE_POOL_SIZE: '1' }).DATABASE_POOL_SIZE).toBe(1)
    expect(parseEnv({ DATABASE_POOL_SIZE: '25' }).DATABASE_POOL_SIZE).toBe(25)
    expect(parseEnv({ DATABASE_POOL_SIZE: '100' }).DATABASE_POOL_SIZE).toBe(100)
  })

  test.each(['ten', '0', '-5', '2.5', '101', '1e2', ' 10', '10000'])(
    '%j stops the start naming the variable instead of giving the pool NaN connections',
    (value) => {
      expect(() => parseEnv({ DATABASE_POOL_SIZE: value })).toThrow(
        /DATABASE_POOL_SIZE: must be a whole number of connections from 1 to 100/,
      )
    },
  )

  test('db/client applies the same rule, so a script that skips the boot check never gets NaN', () => {
    expect(parsePoolSize(undefined)).toBe(10)
    expect(parsePoolSize('')).toBe(10)
    expect(parsePoolSize('7')).toBe(7)
    for (const value of ['ten', '0', '101', '2.5']) {
      expect(() => parsePoolSize(value)).toThrow(/DATABASE_POOL_SIZE: must be a whole number/)
      expect(() => parseEnv({ DATABASE_POOL_SIZE: value })).toThrow(/DATABASE_POOL_SIZE/)
    }
  })
})

describe('.env.example', () => {
  // Every variable, set or commented out: `KEY=…` or `# KEY=…` at the start of a line.
  const example = readFileSync(path.resolve(import.meta.dirname, '../../.env.example'), 'utf8')
  const listed = [...example.matchAll(/^#?\s*([A-Z][A-Z0-9_]*)=/gm)].map((m) => m[1]!)
  const parsed = Object.keys(EnvSchema.shape)

  test('lists every variable the environment schema parses', () => {
    expect(parsed.filter((key) => !listed.includes(key))).toEqual([])
  })

  test('lists no variable the schema does not parse', () => {
    expect(listed.filter((key) => !parsed.includes(key))).toEqual([])
  })

  test('lists each variable once', () => {
    expect(listed.filter((key, i) => listed.indexOf(key) !== i)).toEqual([])
  })

  test('and the README name every Stripe event the webhook endpoint should be subscribed to', () => {
    const readme = readFileSync(path.resolve(import.meta.dirname, '../../README.md'), 'utf8')
    const readmeRow = readme.split('\n').find((line) => line.startsWith('| `STRIPE_WEBHOOK_SECRET`'))!
    const exampleComment = example.slice(
      example.indexOf('STRIPE_WEBHOOK_SECRET='),
      example.indexOf('# --- Mail'),
    )
    const named = (text: string) =>
      [...text.matchAll(/\b(?:refund|charge|payment_intent)\.[a-z_.]*[a-z]/g)].map((m) => m[0])
    expect(named(exampleComment).sort()).toEqual([...STRIPE_WEBHOOK_EVENTS].sort())
    expect(named(readmeRow).sort()).toEqual([...STRIPE_WEBHOOK_EVENTS].sort())
  })
})
