// The return-policy page's form, as pure functions: a policy turned into form values (strings, as the
// inputs hold them) and a submitted form turned back into a policy. Field names are the dotted paths the
// domain's validatePolicy reports (`window.days`, `reasons.defective.photoRequired`,
// `returnShippingFee.USD`), so a domain issue lands next to the input that caused it. This file checks
// only the shape of the raw inputs (numbers, choices, emails, money); whether the settings make sense
// together is validatePolicy's job, run by savePolicy.
import { z } from 'zod'
import {
  couponValidDaysOf,
  DEFAULT_COUPON_VALID_DAYS,
  MAX_COUPON_VALID_DAYS,
  DEFAULT_RESOLUTION_TIMING,
  DEFAULT_RETURN_POLICY,
  RESOLUTIONS,
  RETURN_REASONS,
  timingOf,
  type AmountByCurrency,
  type PolicyIssue,
  type ReasonSettings,
  type Resolution,
  type ReturnPolicy,
  type ReturnReason,
} from '#app/domain/policy/policy'

/** What the inputs hold: one string per field, a list for groups of checkboxes sharing a name. */
export type PolicyFormValues = Record<string, string | string[]>

export type ParsedPolicyForm =
  | { ok: true; rules: ReturnPolicy; basedOnVersion: number; note: string | null }
  | { ok: false; fieldErrors: Record<string, string> }

/** The demo shop sells in these; every one of them has 2 decimal places. */
export const DEMO_CURRENCIES = ['USD', 'EUR', 'GBP', 'PLN', 'CAD', 'RUB'] as const

export const REASON_LABEL: Record<ReturnReason, string> = {
  changed_mind: 'Changed their mind',
  wrong_size: 'Wrong size',
  not_as_described: 'Not as described',
  arrived_damaged: 'Arrived damaged',
  wrong_item: 'Wrong item sent',
  defective: 'Defective',
  other: 'Other',
}

export const RESOLUTION_LABEL: Record<Resolution, string> = {
  refund: 'Refund',
  store_credit: 'Store credit',
  exchange: 'Exchange',
  coupon: 'Coupon',
}

const REASON_FLAGS = [
  'enabled',
  'photoRequired',
  'noteRequired',
  'waiveReturnShipping',
  'waiveRestockingFee',
] as const satisfies readonly (keyof ReasonSettings)[]

const BONUS_KEYS = ['storeCredit', 'exchange', 'coupon'] as const
const MONEY_MAPS = ['returnShippingFee', 'greenReturn.maxItemValue', 'autoApprove.maxValue'] as const
type MoneyMap = (typeof MONEY_MAPS)[number]

const NOTE_MAX = 500

/** Currencies the form offers an amount for: those the policy already has, plus the demo shop's. */
export function policyCurrencies(policy: ReturnPolicy): string[] {
  const keys = [
    ...Object.keys(policy.returnShippingFee),
    ...Object.keys(policy.greenReturn.maxItemValue),
    ...Object.keys(policy.autoApprove.maxValue),
  ]
  const extra = [...new Set(keys)].filter((c) => !(DEMO_CURRENCIES as readonly string[]).includes(c)).sort()
  return [...DEMO_CURRENCIES, ...extra]
}

const on = (b: boolean) => (b ? 'on' : '')
const minorToDecimal = (minor: number) => `${Math.trunc(minor / 100)}.${String(minor % 100).padStart(2, '0')}`

/** The form's initial values for a saved policy. Unchecked checkboxes are '' (absent when submitted). */
export function policyToFormValues(
  policy: ReturnPolicy,
  currencies: readonly string[] = policyCurrencies(policy),
): PolicyFormValues {
  const v: PolicyFormValues = {
    'window.days': String(policy.window.days),
    'window.countFrom': policy.window.countFrom,
    'window.fallbackWhenUndelivered': policy.window.fallbackWhenUndelivered,
    finalSaleTag: policy.finalSaleTag ?? '',
    'exclusions.tags': policy.exclusions.tags.join('\n'),
    'exclusions.productTypes': policy.exclusions.productTypes.join('\n'),
    'exclusions.skus': policy.exclusions.skus.join('\n'),
    maxDiscountPercent: policy.maxDiscountPercent === null ? '' : String(policy.maxDiscountPercent),
    restockingFeePercent: String(policy.restockingFeePercent),
    'resolutions.refund.enabled': on(policy.resolutions.refund.enabled),
    'greenReturn.enabled': on(policy.greenReturn.enabled),
    'autoApprove.enabled': on(policy.autoApprove.enabled),
    'autoApprove.reasons': [...policy.autoApprove.reasons],
    'autoApprove.maxReturnsLast90Days': String(policy.autoApprove.maxReturnsLast90Days),
    blockedEmails: policy.blockedEmails.join('\n'),
    maxReturnsPerOrder: policy.maxReturnsPerOrder === null ? '' : String(policy.maxReturnsPerOrder),
    'timing.moneyMoves': timingOf(policy).moneyMoves,
    'timing.replacementShips': timingOf(policy).replacementShips,
    note: '',
  }
  for (const key of BONUS_KEYS) {
    v[`resolutions.${key}.enabled`] = on(policy.resolutions[key].enabled)
    v[`resolutions.${key}.bonusPercent`] = String(policy.resolutions[key].bonusPercent)
  }
  v['resolutions.coupon.validDays'] = String(couponValidDaysOf(policy))
  for (const reason of RETURN_REASONS) {
    const r = policy.reasons[reason]
    for (const flag of REASON_FLAGS) v[`reasons.${reason}.${flag}`] = on(r[flag])
    v[`reasons.${reason}.allowedResolutions`] = [...r.allowedResolutions]
  }
  for (const map of MONEY_MAPS) {
    const amounts = moneyMap(policy, map)
    for (const c of currencies) v[`${map}.${c}`] = c in amounts ? minorToDecimal(amounts[c]!) : ''
  }
  return v
}

function moneyMap(policy: ReturnPolicy, map: MoneyMap): AmountByCurrency {
  if (map === 'returnShippingFee') return policy.returnShippingFee
  if (map === 'greenReturn.maxItemValue') return policy.greenReturn.maxItemValue
  return policy.autoApprove.maxValue
}

/** Submitted form data as form values (files are not expected here and become ''). */
export function formDataToValues(formData: FormData): PolicyFormValues {
  const out: PolicyFormValues = {}
  for (const [key, raw] of formData) {
    const value = typeof raw === 'string' ? raw : ''
    const prev = out[key]
    if (prev === undefined) out[key] = value
    else out[key] = Array.isArray(prev) ? [...prev, value] : [prev, value]
  }
  return out
}

// Fields that may repeat (checkbox groups); every other field must appear at most once.
const MULTI_FIELDS = new Set([
  'autoApprove.reasons',
  ...RETURN_REASONS.map((r) => `reasons.${r}.allowedResolutions`),
])

// Sent by the page but not part of the rules.
const CONTROL_FIELDS = ['intent', 'basedOnVersion', 'note', 'tryOrder']

function knownFields(currencies: readonly string[]): Set<string> {
  // The field names depend only on the currencies, not on the settings.
  const keys = Object.keys(policyToFormValues(DEFAULT_RETURN_POLICY, currencies))
  return new Set([...keys, ...CONTROL_FIELDS])
}

const text = (v: string | string[] | undefined) => (Array.isArray(v) ? (v[0] ?? '') : (v ?? '')).trim()
const list = (v: string | string[] | undefined) => (v === undefined ? [] : Array.isArray(v) ? v : [v])

const WholeNumber = (label: string, min: number, max: number) =>
  z
    .string()
    .regex(/^\d+$/, `${label} must be a whole number`)
    .transform(Number)
    .pipe(z.number().min(min, `${label} must be at least ${min}`).max(max, `${label} must be at most ${max}`))

const Percent = (label: string) =>
  z
    .string()
    .regex(/^\d+(\.\d{1,2})?$/, `${label} must be a number like 10 or 12.5`)
    .transform(Number)
    .pipe(z.number().max(100, `${label} must be between 0 and 100%`))

const Money = (label: string) =>
  z
    .string()
    .regex(/^\d{1,9}(\.\d{1,2})?$/, `${label} must be an amount like 6.95`)
    .transform((s) => {
      const [whole, frac = ''] = s.split('.')
      return Number(whole) * 100 + Number(frac.padEnd(2, '0'))
    })

const CountFromSchema = z.enum(['delivery', 'fulfillment', 'order'], {
  errorMap: () => ({ message: 'Choose delivery, fulfilment or the order date' }),
})
const MoneyMovesSchema = z.enum(['approval', 'first_scan', 'delivered', 'inspected'], {
  errorMap: () => ({ message: 'Choose when the money moves' }),
})
const ReplacementShipsSchema = z.enum(['approval', 'first_scan'], {
  errorMap: () => ({ message: 'Choose when a replacement ships' }),
})
const FallbackSchema = z.enum(['fulfillment', 'order'], {
  errorMap: () => ({ message: 'Choose fulfilment or the order date' }),
})
const CheckboxSchema = z.enum(['on'], { errorMap: () => ({ message: 'Tick the box or leave it empty' }) })
const ReasonSchema = z.enum(RETURN_REASONS, { errorMap: () => ({ message: 'Unknown return reason' }) })
const ResolutionSchema = z.enum(RESOLUTIONS, { errorMap: () => ({ message: 'Unknown resolution' }) })
const EmailSchema = z.string().email()

/** Splits a textarea on commas and line breaks; blanks dropped, repeats (ignoring case) kept once. */
export function splitList(raw: string): string[] {
  const seen = new Set<string>()
  const out: string[] = []
  for (const part of raw.split(/[,\n]/)) {
    const item = part.trim()
    if (item === '' || seen.has(item.toLowerCase())) continue
    seen.add(item.toLowerCase())
    out.push(item)
  }
  return out
}

/**
 * Reads the policy form. `currencies` are the ones the page offered amounts for (see policyCurrencies);
 * an amount field for any other currency, or any other unexpected field, is an error, so a typo in a
 * field name can never be silently dropped. Returns every problem found, keyed by field name.
 */
export function parsePolicyForm(
  formData: FormData,
  options: { currencies?: readonly string[]; current?: ReturnPolicy } = {},
): ParsedPolicyForm {
  const currencies = options.currencies ?? DEMO_CURRENCIES
  // Browsers send ticked boxes in page order; keeping the saved order for boxes that stay ticked means
  // an untouched list never shows up as "changed" in the history.
  const savedOrder = (key: string): readonly string[] => {
    const p = options.current
    if (!p) return []
    if (key === 'autoApprove.reasons') return p.autoApprove.reasons
    const reason = /^reasons\.([a-z_]+)\.allowedResolutions$/.exec(key)?.[1] as ReturnReason | undefined
    return (reason && p.reasons[reason]?.allowedResolutions) || []
  }
  const values = formDataToValues(formData)
  const errors: Record<string, string> = {}
  const known = knownFields(currencies)

  for (const [key, value] of Object.entries(values)) {
    if (!known.has(key)) errors[key] = `Unexpected field '${key.slice(0, 60)}'`
    else if (Array.isArray(value) && !MULTI_FIELDS.has(key))
      errors[key] = 'This field was sent more than once'
  }

  function field<T>(key: string, schema: z.ZodType<T, z.ZodTypeDef, string>, fallback: T): T {
    const result = schema.safeParse(text(values[key]))
    if (result.success) return result.data
    errors[key] ??= result.error.issues[0]?.message ?? 'Invalid value'
    return fallback
  }
  const optional = <T>(key: string, schema: z.ZodType<T, z.ZodTypeDef, string>): T | null =>
    text(values[key]) === '' ? null : field<T | null>(key, schema, null)
  const checkbox = (key: string) => values[key] !== undefined && field(key, CheckboxSchema, 'on') === 'on'
  const choices = <T extends string>(key: string, schema: z.ZodType<T, z.ZodTypeDef, string>): T[] => {
    const out: T[] = []
    for (const raw of list(values[key])) {
      const r = schema.safeParse(raw)
      if (r.success) {
        if (!out.includes(r.data)) out.push(r.data)
      } else errors[key] ??= r.error.issues[0]?.message ?? 'Invalid choice'
    }
    const saved = savedOrder(key)
    const rank = (x: string) => (saved.includes(x) ? saved.indexOf(x) : saved.length)
    return out.sort((a, b) => rank(a) - rank(b))
  }
  const amounts = (map: MoneyMap, label: string): AmountByCurrency => {
    const out: AmountByCurrency = {}
    for (const c of currencies) {
      const amount = optional(`${map}.${c}`, Money(`${label} in ${c}`))
      if (amount !== null) out[c] = amount
    }
    return out
  }

  const reasons = Object.fromEntries(
    RETURN_REASONS.map((reason): [ReturnReason, ReasonSettings] => {
      const key = (k: string) => `reasons.${reason}.${k}`
      return [
        reason,
        {
          enabled: checkbox(key('enabled')),
          photoRequired: checkbox(key('photoRequired')),
          noteRequired: checkbox(key('noteRequired')),
          allowedResolutions: choices(key('allowedResolutions'), ResolutionSchema),
          waiveReturnShipping: checkbox(key('waiveReturnShipping')),
          waiveRestockingFee: checkbox(key('waiveRestockingFee')),
        },
      ]
    }),
  ) as Record<ReturnReason, ReasonSettings>

  const bonus = (k: (typeof BONUS_KEYS)[number], label: string) => ({
    enabled: checkbox(`resolutions.${k}.enabled`),
    bonusPercent: field(`resolutions.${k}.bonusPercent`, Percent(`${label} bonus`), 0),
  })

  const blockedEmails = splitList(text(values.blockedEmails))
  const badEmail = blockedEmails.find((e) => !EmailSchema.safeParse(e).success)
  if (badEmail !== undefined) {
    errors.blockedEmails ??= `'${badEmail.slice(0, 80)}' is not an email address`
  }

  const finalSaleTag = text(values.finalSaleTag)
  const rules: ReturnPolicy = {
    window: {
      days: field('window.days', WholeNumber('Return window', 1, 365), 30),
      countFrom: field('window.countFrom', CountFromSchema, 'delivery'),
      fallbackWhenUndelivered: field('window.fallbackWhenUndelivered', FallbackSchema, 'fulfillment'),
    },
    reasons,
    exclusions: {
      tags: splitList(text(values['exclusions.tags'])),
      productTypes: splitList(text(values['exclusions.productTypes'])),
      skus: splitList(text(values['exclusions.skus'])),
    },
    finalSaleTag: finalSaleTag === '' ? null : finalSaleTag,
    maxDiscountPercent: optional('maxDiscountPercent', Percent('Maximum discount')),
    restockingFeePercent: field('restockingFeePercent', Percent('Restocking fee'), 0),
    returnShippingFee: amounts('returnShippingFee', 'Return shipping fee'),
    resolutions: {
      refund: { enabled: checkbox('resolutions.refund.enabled') },
      storeCredit: bonus('storeCredit', 'Store credit'),
      exchange: bonus('exchange', 'Exchange'),
      coupon: {
        ...bonus('coupon', 'Coupon'),
        validDays: field(
          'resolutions.coupon.validDays',
          WholeNumber('Coupon validity', 1, MAX_COUPON_VALID_DAYS),
          DEFAULT_COUPON_VALID_DAYS,
        ),
      },
    },
    greenReturn: {
      enabled: checkbox('greenReturn.enabled'),
      maxItemValue: amounts('greenReturn.maxItemValue', 'Keep-the-item limit'),
    },
    autoApprove: {
      enabled: checkbox('autoApprove.enabled'),
      maxValue: amounts('autoApprove.maxValue', 'Auto-approval limit'),
      reasons: choices('autoApprove.reasons', ReasonSchema),
      maxReturnsLast90Days: field(
        'autoApprove.maxReturnsLast90Days',
        WholeNumber('Returns in the last 90 days', 0, 1000),
        0,
      ),
    },
    blockedEmails,
    maxReturnsPerOrder: optional('maxReturnsPerOrder', WholeNumber('Returns per order', 1, 100)),
    timing: {
      moneyMoves: field('timing.moneyMoves', MoneyMovesSchema, DEFAULT_RESOLUTION_TIMING.moneyMoves),
      replacementShips: field(
        'timing.replacementShips',
        ReplacementShipsSchema,
        DEFAULT_RESOLUTION_TIMING.replacementShips,
      ),
    },
  }

  const basedOnVersion = field('basedOnVersion', WholeNumber('Version', 0, 1_000_000_000), 0)
  if (errors.basedOnVersion) errors.basedOnVersion = 'The form is missing its version: reload the page'
  const note = text(values.note)
  if (note.length > NOTE_MAX) errors.note = `Keep the note under ${NOTE_MAX} characters`

  if (Object.keys(errors).length > 0) return { ok: false, fieldErrors: errors }
  return { ok: true, rules, basedOnVersion, note: note === '' ? null : note }
}

/**
 * The domain's issues keyed by the form field that shows them: a list entry (`blockedEmails.2`) goes to
 * its list's field; settings with no single input (`reasons`, `resolutions`, `autoApprove.maxValue`)
 * keep their path and are shown on their group. The first message per field wins.
 */
export function issuesToFieldErrors(
  issues: readonly PolicyIssue[],
  currencies: readonly string[] = DEMO_CURRENCIES,
): Record<string, string> {
  const known = knownFields(currencies)
  const out: Record<string, string> = {}
  for (const issue of issues) {
    let key = issue.field
    const parts = key.split('.')
    while (parts.length > 1 && !known.has(parts.join('.'))) parts.pop()
    if (known.has(parts.join('.'))) key = parts.join('.')
    out[key] ??= issue.message
  }
  return out
}

/** The id of a field's input, for labels, error links and aria-describedby. */
export function fieldId(name: string): string {
  return `f-${name.replace(/[^A-Za-z0-9_-]/g, '-')}`
}

const PATH_LABEL: Record<string, string> = {
  'window.days': 'Return window (days)',
  'window.countFrom': 'Window counts from',
  'window.fallbackWhenUndelivered': 'Window start when delivery is unknown',
  finalSaleTag: 'Final-sale tag',
  'exclusions.tags': 'Excluded tags',
  'exclusions.productTypes': 'Excluded product types',
  'exclusions.skus': 'Excluded SKUs',
  maxDiscountPercent: 'Maximum discount',
  restockingFeePercent: 'Restocking fee',
  returnShippingFee: 'Return shipping fee',
  'resolutions.refund.enabled': 'Refund offered',
  'resolutions.storeCredit.enabled': 'Store credit offered',
  'resolutions.storeCredit.bonusPercent': 'Store credit bonus',
  'resolutions.exchange.enabled': 'Exchange offered',
  'resolutions.exchange.bonusPercent': 'Exchange bonus',
  'resolutions.coupon.enabled': 'Coupon offered',
  'resolutions.coupon.bonusPercent': 'Coupon bonus',
  'resolutions.coupon.validDays': 'Coupon valid for (days)',
  resolutions: 'Resolutions',
  reasons: 'Reasons',
  'greenReturn.enabled': 'Keep the item',
  'greenReturn.maxItemValue': 'Keep-the-item limit',
  'autoApprove.enabled': 'Automatic approval',
  'autoApprove.maxValue': 'Auto-approval limit',
  'autoApprove.reasons': 'Auto-approval reasons',
  'autoApprove.maxReturnsLast90Days': 'Auto-approval: returns in the last 90 days',
  blockedEmails: 'Blocked buyers',
  maxReturnsPerOrder: 'Returns per order',
  'timing.moneyMoves': 'When the money moves',
  'timing.replacementShips': 'When a replacement ships',
  '(all)': 'Every setting',
}

const REASON_SETTING_LABEL: Record<string, string> = {
  enabled: 'offered',
  photoRequired: 'photo required',
  noteRequired: 'note required',
  allowedResolutions: 'resolutions',
  waiveReturnShipping: 'free return shipping',
  waiveRestockingFee: 'no restocking fee',
}

/** A history entry's changed path (`reasons.defective.photoRequired`) in words ("Defective: photo required"). */
const PLAYBOOK_LABEL: Record<string, string> = {
  notArrived: 'not arrived',
  damaged: 'damaged',
  wrongItem: 'wrong item',
  missingItem: 'item missing',
  couponPercent: 'apology coupon %',
  waitAfterDeliveredHours: 'hours after delivery',
  remediesWhenStalledOrLost: 'remedies',
  remedies: 'remedies',
  autoApproveWhenLost: 'settle lost parcels',
  maxAutoValue: 'automatic limit',
  autoApproveUnder: 'automatic limit',
  photoRequired: 'photo required',
  returnWrongItem: 'send the wrong item back',
}

export function describeChangedPath(path: string): string {
  if (PATH_LABEL[path]) return PATH_LABEL[path]
  if (path.startsWith('playbook.')) {
    const parts = path
      .split('.')
      .slice(1)
      .map((p) => PLAYBOOK_LABEL[p] ?? p)
    return `Problem reports: ${parts.join(', ')}`
  }
  const reason = /^reasons\.([a-z_]+)(?:\.([A-Za-z]+))?$/.exec(path)
  if (reason && reason[1]! in REASON_LABEL) {
    const label = REASON_LABEL[reason[1] as ReturnReason]
    return reason[2] ? `${label}: ${REASON_SETTING_LABEL[reason[2]] ?? reason[2]}` : label
  }
  const money = /^(.+)\.([A-Z]{3})$/.exec(path)
  if (money && PATH_LABEL[money[1]!]) return `${PATH_LABEL[money[1]!]} (${money[2]})`
  return path
}
