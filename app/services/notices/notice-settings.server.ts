// The merchant's notice settings page: which events email buyers, thresholds, quiet hours, the apology
// coupon, remedies per delay level, and the sender name, reply-to and brand colour every email carries
// (the logo has its own form: app/services/notices/shop-logo.server.ts).
// The form is parsed field by field (zod), then checked as a whole by the domain; every problem comes
// back under the field it belongs to. Settings and the shop's mail branding are saved in one transaction.
import { z } from 'zod'
import {
  DELAY_NOTICE_LEVELS,
  NOTICE_EVENTS,
  NOTICE_REMEDIES,
  readNoticeSettings,
  validateNoticeSettings,
  type NoticeSettings,
} from '#app/domain/notices/settings'
import { db } from '#db/client'
import { findNoticeSettings, updateShopMailBranding, upsertNoticeSettings } from '#db/queries/notices'
import { findShopLogoInfo } from '#db/queries/shop-logos'
import { findShopById } from '#db/queries/shops'

/** What the form shows: every field as the text the merchant typed (or the saved value). */
export type NoticeFormValues = Record<string, string>

export interface NoticeSettingsPage {
  values: NoticeFormValues
  updatedAt: string | null
  /** The email logo: its version (part of its image address) and size in pixels, or null. */
  logo: { version: string; width: number; height: number } | null
}

function toFormValues(
  s: NoticeSettings,
  shop: { mail_sender_name: string | null; mail_reply_to: string | null; brand_color: string },
): NoticeFormValues {
  const v: NoticeFormValues = {
    likelyLateWithinHours: String(s.thresholds.likelyLateWithinHours),
    stalledAfterBusinessHours: s.thresholds.stalledAfterBusinessHours?.toString() ?? '',
    lostAfterBusinessDays: s.thresholds.lostAfterBusinessDays?.toString() ?? '',
    quietEnabled: s.quietHours ? 'on' : '',
    quietStart: String(s.quietHours?.startHour ?? 21),
    quietEnd: String(s.quietHours?.endHour ?? 8),
    couponPercent: String(s.apologyCoupon.percent),
    couponAmounts: Object.entries(s.apologyCoupon.amounts)
      .map(([c, a]) => `${c} ${a}`)
      .join('\n'),
    senderName: shop.mail_sender_name ?? '',
    replyTo: shop.mail_reply_to ?? '',
    brandColor: shop.brand_color,
  }
  for (const e of NOTICE_EVENTS) v[`event.${e}`] = s.events[e] ? 'on' : ''
  for (const level of DELAY_NOTICE_LEVELS)
    for (const r of NOTICE_REMEDIES) v[`remedy.${level}.${r}`] = s.remedies[level].includes(r) ? 'on' : ''
  return v
}

export async function getNoticeSettingsPage(input: { shopId: string }): Promise<NoticeSettingsPage | null> {
  const [shop, stored, logo] = await Promise.all([
    findShopById(db, input.shopId),
    findNoticeSettings(db, input.shopId),
    findShopLogoInfo(db, input.shopId),
  ])
  if (!shop) return null
  return {
    values: toFormValues(readNoticeSettings(stored?.settings), shop),
    updatedAt: stored?.updated_at.toISOString() ?? null,
    logo: logo ? { version: logo.sha256.slice(0, 16), width: logo.width, height: logo.height } : null,
  }
}

const hours = (label: string) =>
  z
    .string()
    .trim()
    .regex(/^\d{1,3}$/, `${label}: enter a whole number`)
    .transform(Number)
const optionalInt = (label: string) =>
  z
    .string()
    .trim()
    .regex(/^(\d{1,3})?$/, `${label}: enter a whole number, or leave it empty`)
    .transform((s) => (s === '' ? null : Number(s)))
const hourOfDay = z
  .string()
  .regex(/^\d{1,2}$/, 'Choose an hour from 0 to 23')
  .transform(Number)
  .refine((n) => n <= 23, 'Choose an hour from 0 to 23')

// Built per call: the lists come from the domain, the messages are the merchant's.
const formSchema = () =>
  z.object({
    likelyLateWithinHours: hours('Hours before the promised date'),
    stalledAfterBusinessHours: optionalInt('Stalled after'),
    lostAfterBusinessDays: optionalInt('Lost after'),
    quietEnabled: z.string().optional(),
    quietStart: hourOfDay,
    quietEnd: hourOfDay,
    couponPercent: z
      .string()
      .trim()
      .regex(/^\d{1,3}(\.\d{1,2})?$/, 'Enter a percentage like 10 or 12.5')
      .transform(Number),
    couponAmounts: z
      .string()
      .max(2000, 'Too long')
      .transform((s, ctx) => {
        const amounts: Record<string, number> = {}
        for (const line of s
          .split(/[\n,]+/)
          .map((l) => l.trim())
          .filter(Boolean)) {
          const m = /^([A-Za-z]{3})\s+(\d{1,9})$/.exec(line)
          if (!m) {
            ctx.addIssue({
              code: 'custom',
              message: `"${line}" is not like "EUR 500" (an amount in minor units)`,
            })
            return z.NEVER
          }
          amounts[m[1]!.toUpperCase()] = Number(m[2])
        }
        return amounts
      }),
    senderName: z.string().trim().max(80, 'At most 80 characters'),
    replyTo: z
      .string()
      .trim()
      .max(254, 'At most 254 characters')
      .refine(
        (s) => s === '' || z.string().email().safeParse(s).success,
        'Enter an email address like help@shop.com',
      ),
    brandColor: z
      .string()
      .trim()
      .regex(/^#[0-9a-fA-F]{6}$/, 'Enter a colour like #1f6f5c'),
  })

export type SaveNoticeSettingsResult =
  | { ok: true }
  | { ok: false; status: 400 | 404 | 422; values: NoticeFormValues; fieldErrors: Record<string, string> }

const KNOWN_FIELDS = new Set([
  'likelyLateWithinHours',
  'stalledAfterBusinessHours',
  'lostAfterBusinessDays',
  'quietEnabled',
  'quietStart',
  'quietEnd',
  'couponPercent',
  'couponAmounts',
  'senderName',
  'replyTo',
  'brandColor',
  ...NOTICE_EVENTS.map((e) => `event.${e}`),
  ...DELAY_NOTICE_LEVELS.flatMap((l) => NOTICE_REMEDIES.map((r) => `remedy.${l}.${r}`)),
])

/** Parses the submitted form and saves it; a problem comes back under its field. */
export async function saveNoticeSettings(input: {
  shopId: string
  staffId: string
  form: Record<string, string>
  now: Date
}): Promise<SaveNoticeSettingsResult> {
  const values: NoticeFormValues = {}
  for (const [k, v] of Object.entries(input.form)) if (KNOWN_FIELDS.has(k)) values[k] = v
  const unknown = Object.keys(input.form).filter((k) => !KNOWN_FIELDS.has(k))
  if (unknown.length) {
    return { ok: false, status: 400, values, fieldErrors: { form: `Unknown field ${unknown[0]}` } }
  }
  const parsed = formSchema().safeParse({
    couponAmounts: '',
    senderName: '',
    replyTo: '',
    ...values,
    likelyLateWithinHours: values.likelyLateWithinHours ?? '',
    stalledAfterBusinessHours: values.stalledAfterBusinessHours ?? '',
    lostAfterBusinessDays: values.lostAfterBusinessDays ?? '',
    quietStart: values.quietStart ?? '',
    quietEnd: values.quietEnd ?? '',
    couponPercent: values.couponPercent ?? '',
    brandColor: values.brandColor ?? '',
  })
  if (!parsed.success) {
    const fieldErrors: Record<string, string> = {}
    for (const issue of parsed.error.issues) fieldErrors[String(issue.path[0] ?? 'form')] ??= issue.message
    return { ok: false, status: 422, values, fieldErrors }
  }
  const f = parsed.data
  const settings: NoticeSettings = {
    events: Object.fromEntries(
      NOTICE_EVENTS.map((e) => [e, values[`event.${e}`] === 'on']),
    ) as NoticeSettings['events'],
    thresholds: {
      likelyLateWithinHours: f.likelyLateWithinHours,
      stalledAfterBusinessHours: f.stalledAfterBusinessHours,
      lostAfterBusinessDays: f.lostAfterBusinessDays,
    },
    quietHours: f.quietEnabled === 'on' ? { startHour: f.quietStart, endHour: f.quietEnd } : null,
    apologyCoupon: { percent: f.couponPercent, amounts: f.couponAmounts },
    remedies: Object.fromEntries(
      DELAY_NOTICE_LEVELS.map((l) => [l, NOTICE_REMEDIES.filter((r) => values[`remedy.${l}.${r}`] === 'on')]),
    ) as NoticeSettings['remedies'],
  }
  const issues = validateNoticeSettings(settings)
  if (issues.length) {
    const fieldErrors: Record<string, string> = {}
    for (const i of issues) fieldErrors[i.field] ??= i.message
    return { ok: false, status: 422, values, fieldErrors }
  }
  const shop = await findShopById(db, input.shopId)
  if (!shop) return { ok: false, status: 404, values, fieldErrors: { form: 'Shop not found' } }
  await db.transaction().execute(async (trx) => {
    await upsertNoticeSettings(trx, { shopId: input.shopId, settings, staffId: input.staffId, at: input.now })
    await updateShopMailBranding(trx, input.shopId, {
      senderName: f.senderName || null,
      replyTo: f.replyTo || null,
      brandColor: f.brandColor.toLowerCase(),
      at: input.now,
    })
  })
  return { ok: true }
}
