// The complaint playbook editor's form: flat field names ('damaged.remedies', 'damaged.autoApproveUnder.EUR')
// to and from a ComplaintPlaybook. Amounts are typed as decimals ("50.00") and stored in minor units; a
// currency left empty has no limit (never automatic for that currency). Every problem comes back as a
// message next to its field.
import { z } from 'zod'
import { REMEDIES, type ComplaintPlaybook, type Remedy } from '#app/domain/complaints/playbook'
import type { AmountByCurrency } from '#app/domain/policy/policy'

export type PlaybookFormValues = Record<string, string | string[]>

export const PLAYBOOK_PATHS = ['notArrived', 'damaged', 'wrongItem', 'missingItem'] as const
type Path = (typeof PLAYBOOK_PATHS)[number]

const REMEDY_FIELD: Record<Path, string> = {
  notArrived: 'notArrived.remediesWhenStalledOrLost',
  damaged: 'damaged.remedies',
  wrongItem: 'wrongItem.remedies',
  missingItem: 'missingItem.remedies',
}
const LIMIT_FIELD = {
  notArrived: 'notArrived.maxAutoValue',
  damaged: 'damaged.autoApproveUnder',
  missingItem: 'missingItem.autoApproveUnder',
} as const
const CHECKS = [
  'notArrived.autoApproveWhenLost',
  'damaged.photoRequired',
  'wrongItem.photoRequired',
  'wrongItem.returnWrongItem',
] as const

export const remedyField = (path: Path) => REMEDY_FIELD[path]
export const limitField = (path: keyof typeof LIMIT_FIELD) => LIMIT_FIELD[path]

const decimal = (minor: number) => `${Math.trunc(minor / 100)}.${String(minor % 100).padStart(2, '0')}`

export function playbookToFormValues(
  p: ComplaintPlaybook,
  currencies: readonly string[],
): PlaybookFormValues {
  const v: PlaybookFormValues = {
    'notArrived.waitAfterDeliveredHours': String(p.notArrived.waitAfterDeliveredHours),
    couponPercent: String(p.couponPercent),
    [REMEDY_FIELD.notArrived]: [...p.notArrived.remediesWhenStalledOrLost],
    [REMEDY_FIELD.damaged]: [...p.damaged.remedies],
    [REMEDY_FIELD.wrongItem]: [...p.wrongItem.remedies],
    [REMEDY_FIELD.missingItem]: [...p.missingItem.remedies],
  }
  const checks: Record<(typeof CHECKS)[number], boolean> = {
    'notArrived.autoApproveWhenLost': p.notArrived.autoApproveWhenLost,
    'damaged.photoRequired': p.damaged.photoRequired,
    'wrongItem.photoRequired': p.wrongItem.photoRequired,
    'wrongItem.returnWrongItem': p.wrongItem.returnWrongItem,
  }
  for (const c of CHECKS) v[c] = checks[c] ? 'on' : ''
  const maps: Record<keyof typeof LIMIT_FIELD, AmountByCurrency> = {
    notArrived: p.notArrived.maxAutoValue,
    damaged: p.damaged.autoApproveUnder,
    missingItem: p.missingItem.autoApproveUnder,
  }
  for (const [path, field] of Object.entries(LIMIT_FIELD) as [keyof typeof LIMIT_FIELD, string][]) {
    for (const cur of currencies) {
      const amount = maps[path][cur]
      v[`${field}.${cur}`] = amount === undefined ? '' : decimal(amount)
    }
  }
  return v
}

export function formDataToPlaybookValues(form: FormData): PlaybookFormValues {
  const v: PlaybookFormValues = {}
  for (const [k, value] of form) {
    if (typeof value !== 'string') continue
    const multi = Object.values(REMEDY_FIELD).includes(k)
    if (multi) v[k] = [...((v[k] as string[] | undefined) ?? []), value]
    else v[k] = value
  }
  return v
}

const text = (v: string | string[] | undefined) => (Array.isArray(v) ? (v[0] ?? '') : (v ?? '')).trim()

const Hours = z.coerce
  .number({ invalid_type_error: 'Enter a whole number of hours' })
  .int('Enter a whole number of hours')
  .min(0, 'Hours cannot be negative')
  .max(720, 'Wait at most 720 hours (30 days)')
const Percent = z.coerce
  .number({ invalid_type_error: 'Enter a percentage, like 10' })
  .min(0, 'The percentage cannot be negative')
  .max(100, 'The percentage can be at most 100')
const Money = z
  .string()
  .regex(/^\d{1,7}(\.\d{1,2})?$/, 'Enter an amount like 50 or 49.99')
  .transform((s) => Math.round(Number(s) * 100))

export type ParsedPlaybookForm =
  { ok: true; playbook: ComplaintPlaybook } | { ok: false; fieldErrors: Record<string, string> }

/** Parses the editor's fields into a playbook; unknown remedies and malformed numbers are field errors. */
export function parsePlaybookForm(v: PlaybookFormValues, currencies: readonly string[]): ParsedPlaybookForm {
  const errors: Record<string, string> = {}
  const num = <T>(field: string, schema: z.ZodType<T>): T | undefined => {
    const raw = text(v[field])
    if (raw === '') {
      errors[field] = 'This field is required'
      return undefined
    }
    const r = schema.safeParse(raw)
    if (!r.success) errors[field] = r.error.issues[0]?.message ?? 'Not valid'
    return r.success ? r.data : undefined
  }
  const remedies = (path: Path): Remedy[] => {
    const raw = v[REMEDY_FIELD[path]]
    const list = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw]
    const bad = list.find((r) => !(REMEDIES as readonly string[]).includes(r))
    if (bad !== undefined) errors[REMEDY_FIELD[path]] = `Unknown remedy '${bad}'`
    return REMEDIES.filter((r) => list.includes(r))
  }
  const limits = (path: keyof typeof LIMIT_FIELD): AmountByCurrency => {
    const out: AmountByCurrency = {}
    for (const cur of currencies) {
      const field = `${LIMIT_FIELD[path]}.${cur}`
      const raw = text(v[field])
      if (raw === '') continue
      const r = Money.safeParse(raw)
      if (r.success) out[cur] = r.data
      else errors[field] = r.error.issues[0]?.message ?? 'Not valid'
    }
    return out
  }
  const on = (field: (typeof CHECKS)[number]) => text(v[field]) === 'on'
  const playbook: ComplaintPlaybook = {
    notArrived: {
      waitAfterDeliveredHours: num('notArrived.waitAfterDeliveredHours', Hours) ?? 0,
      remediesWhenStalledOrLost: remedies('notArrived'),
      autoApproveWhenLost: on('notArrived.autoApproveWhenLost'),
      maxAutoValue: limits('notArrived'),
    },
    damaged: {
      photoRequired: on('damaged.photoRequired'),
      remedies: remedies('damaged'),
      autoApproveUnder: limits('damaged'),
    },
    wrongItem: {
      photoRequired: on('wrongItem.photoRequired'),
      remedies: remedies('wrongItem'),
      returnWrongItem: on('wrongItem.returnWrongItem'),
    },
    missingItem: { remedies: remedies('missingItem'), autoApproveUnder: limits('missingItem') },
    other: { toSupport: true },
    couponPercent: num('couponPercent', Percent) ?? 0,
  }
  return Object.keys(errors).length ? { ok: false, fieldErrors: errors } : { ok: true, playbook }
}
