// Environment, parsed once at boot. A bad value stops the start with the variable's name and what is
// wrong; values are never printed because some of them are secrets.
import { z } from 'zod'
import { checkPoolSize, POOL_SIZE_DEFAULT, POOL_SIZE_MESSAGE } from './pool-size'

const optionalNonEmpty = z
  .string()
  .transform((s) => s.trim())
  .pipe(z.string().min(1))
  .optional()

const boolish = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes')

export const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  PORT: z
    .string()
    .regex(/^\d{1,5}$/, 'must be a port number from 0 to 65535')
    .transform(Number)
    .pipe(z.number().max(65535, 'must be a port number from 0 to 65535'))
    .default('3000'),
  HOST: z.string().min(1).default('0.0.0.0'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DATA_DIR: z.string().min(1).default('./.data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  // Connections of the app's pg pool in each process; db/client applies the same rule (app/pool-size.ts).
  DATABASE_POOL_SIZE: z
    .string()
    .transform((raw, ctx) => {
      const size = checkPoolSize(raw)
      if (size === null) ctx.addIssue({ code: z.ZodIssueCode.custom, message: POOL_SIZE_MESSAGE })
      return size ?? z.NEVER
    })
    .default(String(POOL_SIZE_DEFAULT)),
  SESSION_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  PUBLIC_URL: z.string().url('must be an absolute URL such as https://returns.example.com').optional(),
  DEFAULT_SHOP: optionalNonEmpty,
  RUN_WORKER: boolish.default('true'),
  // Jobs one worker process runs at a time (each holds a database connection while it runs).
  WORKER_CONCURRENCY: z
    .string()
    .regex(/^\d{1,3}$/, 'must be a whole number of jobs from 1 to 100')
    .transform(Number)
    .pipe(z.number().min(1, 'must be at least 1').max(100, 'must be at most 100'))
    .default('4'),
  SEED_DEMO: boolish.default('true'),
  CARRIER_POLL_CRON: z
    .string()
    .regex(/^(\S+\s+){4}\S+$/, 'must be a 5-field cron expression such as */5 * * * *')
    .default('*/5 * * * *'),
  // EasyPost switches on real tracking when both are set; without them the sandbox carrier is used.
  EASYPOST_API_KEY: z
    .string()
    .regex(/^\S+$/, 'must be an EasyPost API key (no spaces), e.g. EZAK… or EZTK…')
    .optional(),
  EASYPOST_WEBHOOK_SECRET: z
    .string()
    .min(8, 'must be the webhook secret set on the EasyPost webhook (at least 8 characters)')
    .optional(),
  // Stripe switches on real refunds and coupons; without it the sandbox payments provider is used.
  STRIPE_SECRET_KEY: z
    .string()
    .regex(
      /^(sk|rk)_(test|live)_\S+$/,
      'must be a Stripe secret key such as sk_test_… or sk_live_… (or a restricted rk_… key)',
    )
    .optional(),
  // Another Stripe-compatible server (stripe-mock, a proxy); only with STRIPE_SECRET_KEY.
  STRIPE_API_BASE: z
    .string()
    .regex(
      /^https?:\/\/[^\s/:]+(:\d{1,5})?\/?$/,
      'must be an http(s) origin such as https://api.stripe.com or http://localhost:12111',
    )
    .optional(),
  // Signing secret of the Stripe webhook endpoint pointing at /webhooks/stripe; only with the key.
  STRIPE_WEBHOOK_SECRET: z
    .string()
    .regex(/^whsec_\S+$/, 'must be the signing secret of the Stripe webhook endpoint (whsec_…)')
    .optional(),
  // Absent: mail is captured in the outbox (read it at /admin/outbox) instead of sent.
  SMTP_URL: z
    .string()
    .regex(
      /^smtps?:\/\/[^\s/]+/,
      'must be an smtp:// or smtps:// URL such as smtp://user:pass@mail.example.com:587',
    )
    .optional(),
  MAIL_FROM: z
    .string()
    .trim()
    .regex(
      /^(?:[^<>@\r\n]*<[^<>\s@]+@[^<>\s@]+\.?[^<>\s@]*>|[^<>\s@]+@[^<>\s@]+)$/,
      'must be an address such as no-reply@example.com or Shop <no-reply@example.com>',
    )
    .optional(),
})
export type Env = z.infer<typeof EnvSchema>

export class EnvError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid environment:\n${problems.map((p) => `  - ${p}`).join('\n')}`)
    this.name = 'EnvError'
  }
}

/** Parses an environment; exported separately from getEnv so tests can feed it any record. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  // NOTE: an empty variable (FOO=) means "not set", never "set to an empty secret".
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''))
  const parsed = EnvSchema.safeParse(cleaned)
  if (!parsed.success) {
    throw new EnvError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`))
  }
  // Half a configuration would create trackers whose webhooks we then refuse (or the reverse).
  const { EASYPOST_API_KEY, EASYPOST_WEBHOOK_SECRET } = parsed.data
  if (Boolean(EASYPOST_API_KEY) !== Boolean(EASYPOST_WEBHOOK_SECRET)) {
    throw new EnvError([
      EASYPOST_API_KEY
        ? 'EASYPOST_WEBHOOK_SECRET: must be set together with EASYPOST_API_KEY (the secret of the EasyPost webhook pointing at /webhooks/carriers/easypost)'
        : 'EASYPOST_API_KEY: must be set together with EASYPOST_WEBHOOK_SECRET',
    ])
  }
  if (parsed.data.STRIPE_API_BASE && !parsed.data.STRIPE_SECRET_KEY) {
    throw new EnvError(['STRIPE_API_BASE: is only used together with STRIPE_SECRET_KEY'])
  }
  if (parsed.data.STRIPE_WEBHOOK_SECRET && !parsed.data.STRIPE_SECRET_KEY) {
    throw new EnvError(['STRIPE_WEBHOOK_SECRET: is only used together with STRIPE_SECRET_KEY'])
  }
  return parsed.data
}

const key = Symbol.for('homebound.env')
type G = typeof globalThis & { [key]?: Env }

export function getEnv(): Env {
  const g = globalThis as G
  return (g[key] ??= parseEnv(process.env))
}

/** Forget the parsed env (boot code sets DATABASE_URL for the embedded cluster after reading it). */
export function resetEnvCache() {
  delete (globalThis as G)[key]
}
