// Delivers the outbox. Due rows are claimed with a lease (`for update skip locked`, committed at once),
// so concurrent workers never take the same row; each row is rendered from what the database says now,
// sent, and marked sent under that same lease. When SMTP fails, the row goes back to 'pending' with an
// exponential backoff, and after MAX_ATTEMPTS it is 'failed'. Delivery is at-least-once: if the process
// dies after the SMTP server accepted a message but before the row is marked, the lease runs out and the
// message is sent again, with the same Message-ID (<notification-id@homebound>) so it is recognizable.
import { getEnv } from '#app/env.server'
import { isLocale, validTimeZone, type Locale } from '#app/i18n/locales'
import { carrierProfile, carrierTrackingUrl } from '#app/domain/tracking/carriers'
import { db } from '#db/client'
import { findBuyerPreferences } from '#db/queries/buyer-preferences'
import { findCaseForEmail } from '#db/queries/cases'
import { loadCaseOutlook } from '#app/services/cases/case-expectation.server'
import { findReturnLabelForEmail } from '#db/queries/return-labels'
import { findIssuedCouponOfCase } from '#db/queries/resolutions'
import * as outbox from '#db/queries/notifications'
import { findShipmentForEmail } from '#db/queries/shipments'
import { findShopLogo } from '#db/queries/shop-logos'
import { findShopById, listShopIds, type ShopRow } from '#db/queries/shops'
import { brandLogo, logoAttachment, type LogoImage } from '#emails/logo'
import { createMailer, DEFAULT_MAIL_FROM, parseAddress, type Mailer } from '#emails/mailer'
import { renderEmail } from '#emails/render'
import {
  isTemplateId,
  templateCategory,
  type Brand,
  type CaseCouponEmail,
  type CaseLabelEmail,
  type CaseReplacementEmail,
  type DelayReasonCode,
  type CaseEmailData,
  type EmailData,
  type ExceptionDetail,
  type ItemLine,
  type Remedy,
  type Resolution,
  type TemplateId,
} from '#emails/types'
import { createBuyerToken, EMAIL_TOKEN_TTL_MS } from '#app/services/buyer/access-token.server'
import { createPreferencesToken } from '#app/services/buyer/preferences-token.server'

export const MAX_ATTEMPTS = 8
/** Longer than any single send can take (the SMTP transport times out well before). */
export const LEASE_MS = 10 * 60_000
const BATCH_SIZE = 20
/** The longest one send may take: the SMTP transport's connection plus socket timeouts, with margin. */
const SEND_BUDGET_MS = 2 * 60_000
const MAX_BACKOFF_MS = 60 * 60_000

/** Wait before the next try after `attempts` failed ones: 1, 2, 4 … minutes, at most an hour. */
export function backoffMs(attempts: number): number {
  return Math.min(60_000 * 2 ** Math.max(0, attempts - 1), MAX_BACKOFF_MS)
}

export function messageIdFor(notificationId: string): string {
  return `<${notificationId}@homebound>`
}

export function publicBaseUrl(): string {
  return (getEnv().PUBLIC_URL ?? 'http://localhost:3000').replace(/\/+$/, '')
}

const key = Symbol.for('homebound.mailer')
type G = typeof globalThis & { [key]?: Mailer }

/** The process's mailer: SMTP when SMTP_URL is set (one pooled transport), else captured mail. */
export function getMailer(): Mailer {
  const g = globalThis as G
  return (g[key] ??= createMailer({ smtpUrl: getEnv().SMTP_URL }))
}

export interface DeliverOutboxResult {
  claimed: number
  sent: number
  suppressed: number
  retrying: number
  failed: number
  /** Claimed but handed back untouched because the lease was running out. */
  released: number
}

/** Raised for rows that can never be sent (unknown template, case or parcel gone): no retry. */
class PermanentError extends Error {}

export async function deliverOutbox(input: {
  now: Date
  mailer?: Mailer
  batchSize?: number
  /** Stop after this many claims per shop (tests); by default until nothing is due. */
  maxBatches?: number
}): Promise<DeliverOutboxResult> {
  const mailer = input.mailer ?? getMailer()
  const result: DeliverOutboxResult = {
    claimed: 0,
    sent: 0,
    suppressed: 0,
    retrying: 0,
    failed: 0,
    released: 0,
  }
  // `now` moves on with the wall clock during a long run, so each batch's lease counts from its claim.
  const wallStart = Date.now()
  const clock = () => new Date(input.now.getTime() + (Date.now() - wallStart))
  for (const { id: shopId } of await listShopIds(db)) {
    const shop = await findShopById(db, shopId)
    if (!shop) continue
    // Read once per shop and run, when there is mail to send; a logo replaced meanwhile goes with the
    // next run's mail.
    let logo: Promise<LogoImage | null> | undefined
    for (let batch = 0; batch < (input.maxBatches ?? Infinity); batch++) {
      const claimedAt = clock()
      const rows = await outbox.claimDueNotifications(db, {
        shopId,
        now: claimedAt,
        leaseUntil: new Date(claimedAt.getTime() + LEASE_MS),
        limit: input.batchSize ?? BATCH_SIZE,
      })
      if (rows.length === 0) break
      result.claimed += rows.length
      for (const row of rows) {
        // NOTE: a send starts only if it can time out before the lease ends; otherwise another worker
        // could take the row over while this one is still talking to SMTP, and send it twice.
        if (row.locked_until.getTime() - clock().getTime() < SEND_BUDGET_MS) {
          await outbox.releaseNotification(db, { shopId, id: row.id, lease: row.locked_until })
          result.released++
          continue
        }
        logo ??= findShopLogo(db, shopId)
        const outcome = await deliverOne({ shop, logo: await logo }, row, mailer, clock())
        result[outcome]++
      }
    }
  }
  return result
}

async function deliverOne(
  { shop, logo }: { shop: ShopRow; logo: LogoImage | null },
  row: outbox.ClaimedNotification,
  mailer: Mailer,
  now: Date,
): Promise<'sent' | 'suppressed' | 'retrying' | 'failed'> {
  const lease = row.locked_until
  const base = { shopId: shop.id, id: row.id, lease }
  let snapshot: outbox.RenderedSnapshot | null = null
  try {
    if (!isTemplateId(row.template)) throw new PermanentError(`Unknown template "${row.template}"`)
    const template = row.template
    if (templateCategory(template) === 'delivery') {
      const prefs = await findBuyerPreferences(db, shop.id, row.to_email)
      if (prefs && !prefs.delivery_updates) {
        await outbox.markNotificationSuppressed(db, {
          ...base,
          reason: 'The buyer turned delivery updates off',
        })
        return 'suppressed'
      }
    }
    const locale: Locale = isLocale(row.locale)
      ? row.locale
      : isLocale(shop.default_locale)
        ? shop.default_locale
        : 'en'
    const loaded = await loadEmailData(shop, row, template, now)
    const rendered = await renderEmail({
      template,
      locale,
      timeZone: validTimeZone(loaded.timeZone) ?? validTimeZone(shop.timezone) ?? 'UTC',
      brand: brandOf(shop, logo),
      data: loaded.data,
    })
    const from = parseAddress(getEnv().MAIL_FROM ?? DEFAULT_MAIL_FROM)
    const sender = { name: shop.mail_sender_name ?? shop.name, address: from.address }
    const replyTo = shop.mail_reply_to ?? shop.support_email
    const messageId = messageIdFor(row.id)
    const headers: Record<string, string> = {}
    if (loaded.data.kind === 'delivery') {
      headers['List-Unsubscribe'] = `<${loaded.data.preferencesUrl}>`
      headers['List-Unsubscribe-Post'] = 'List-Unsubscribe=One-Click'
    }
    snapshot = {
      subject: rendered.subject,
      html: rendered.html,
      text: rendered.text,
      transport: mailer.transport,
      headers: {
        'Message-ID': messageId,
        From: formatAddress(sender),
        To: row.to_email,
        ...(replyTo ? { 'Reply-To': replyTo } : {}),
        Subject: rendered.subject,
        ...headers,
      },
    }
    const sent = await mailer.send({
      messageId,
      from: sender,
      replyTo,
      to: row.to_email,
      subject: rendered.subject,
      html: rendered.html,
      text: rendered.text,
      headers,
      inlineImages: logo ? [logoAttachment(logo)] : [],
    })
    await outbox.markNotificationSent(db, {
      ...base,
      messageId: sent.messageId,
      sentAt: new Date(),
      snapshot,
    })
    return 'sent'
  } catch (err) {
    const permanent = err instanceof PermanentError || isPermanentSmtpRejection(err)
    const attempts = row.attempts + 1
    const giveUp = permanent || attempts >= MAX_ATTEMPTS
    await outbox.markNotificationAttemptFailed(db, {
      ...base,
      status: giveUp ? 'failed' : 'pending',
      sendAfter: new Date(now.getTime() + backoffMs(attempts)),
      error: describeError(err),
      countsAsAttempt: true,
      snapshot,
    })
    return giveUp ? 'failed' : 'retrying'
  }
}

/** The shop's branding as every email shows it (with the logo, when the shop has one). */
export function brandOf(shop: ShopRow, logo: LogoImage | null): Brand {
  return {
    shopName: shop.name,
    brandColor: shop.brand_color,
    supportEmail: shop.support_email,
    logo: logo ? brandLogo(logo) : null,
  }
}

function formatAddress(a: { name: string; address: string }) {
  return a.name ? `"${a.name.replace(/["\\]/g, '')}" <${a.address}>` : a.address
}

/** 5xx from the SMTP server is a refusal (no such mailbox, policy): trying again will not help. */
function isPermanentSmtpRejection(err: unknown): boolean {
  const code = (err as { responseCode?: unknown } | null)?.responseCode
  return typeof code === 'number' && code >= 500 && code < 600
}

function describeError(err: unknown): string {
  if (err instanceof Error) {
    const code = (err as { code?: unknown }).code
    return typeof code === 'string' ? `${code}: ${err.message}` : err.message
  }
  return String(err)
}

const itemLines = (items: { title: string; variant_title: string | null; quantity: number }[]): ItemLine[] =>
  items.map((i) => ({
    title: i.variant_title ? `${i.title} — ${i.variant_title}` : i.title,
    quantity: i.quantity,
  }))

const payloadString = (payload: unknown, name: string): string | null => {
  const v = (payload as Record<string, unknown> | null)?.[name]
  return typeof v === 'string' && v.trim() ? v.trim() : null
}

const iso = (d: Date | null) => (d ? d.toISOString() : null)
const DAY = 86_400_000

const DELAY_REASONS: DelayReasonCode[] = [
  'predicted_late',
  'eta_revised',
  'eta_passed',
  'no_scan',
  'not_picked_up',
]
const EXCEPTIONS: ExceptionDetail[] = ['address', 'customs', 'damaged', 'weather', 'other']
const REMEDIES: Remedy[] = ['wait', 'reship', 'refund', 'coupon']

const FAILED_KINDS = ['refund', 'store_credit', 'coupon', 'return_label', 'replacement'] as const
/** resolution-failed: what did not go through (payload `kind`). */
function failedKindOf(kind: string | null): Partial<Pick<CaseEmailData, 'failedKind'>> {
  return (FAILED_KINDS as readonly (string | null)[]).includes(kind)
    ? { failedKind: kind as NonNullable<CaseEmailData['failedKind']> }
    : {}
}

/**
 * What the email shows, loaded now (not when the row was queued), so it never shows stale amounts.
 * Case templates read the row's case_id plus payload `reason` (case-rejected) and `question`
 * (case-needs-info); delivery templates read payload `shipmentId`, and optionally `reason` (a delay
 * reason code), `remedies` (delay) and `detail` (an exception reason).
 */
async function loadEmailData(
  shop: ShopRow,
  row: outbox.ClaimedNotification,
  template: TemplateId,
  now: Date,
): Promise<{ data: EmailData; timeZone: string | null }> {
  const baseUrl = publicBaseUrl()
  const orderToken = (orderId: string) =>
    createBuyerToken({ shopId: shop.id, orderId }, now, EMAIL_TOKEN_TTL_MS)
  if (templateCategory(template) !== 'delivery') {
    if (!row.case_id) throw new PermanentError(`${template} needs a case`)
    const [c, outlook] = await Promise.all([
      findCaseForEmail(db, shop.id, row.case_id),
      // What the buyer gets and when, as of now (a slipped trigger has moved the date on).
      loadCaseOutlook(shop.id, { caseId: row.case_id }, now),
    ])
    if (!c) throw new PermanentError(`Case ${row.case_id} no longer exists`)
    const caseNumber = `R-${c.number}`
    const caseUrl = `${baseUrl}/track/${orderToken(c.order_id)}/case/${caseNumber}`
    return {
      timeZone: c.buyer_timezone,
      data: {
        kind: 'case',
        orderNumber: `#${c.order_number}`,
        caseNumber,
        caseUrl,
        ...(template === 'case-label' ? { label: await loadLabelEmail(shop.id, c.id, caseUrl) } : {}),
        ...(template === 'case-replacement' ? { replacement: replacementEmail(row.payload) } : {}),
        ...(template === 'case-coupon' || template === 'case-resolved'
          ? { coupon: await loadCouponEmail(shop.id, c.id, template) }
          : {}),
        resolution: c.resolution as Resolution | null,
        items: itemLines(c.items),
        currency: c.currency,
        totalMinor: c.total_minor,
        issuedMinor: c.issued_minor,
        reason: payloadString(row.payload, 'reason'),
        question: payloadString(row.payload, 'question'),
        ...failedKindOf(payloadString(row.payload, 'kind')),
        expectation: outlook?.expectation
          ? {
              kind: outlook.expectation.kind,
              amountMinor: outlook.expectation.amountMinor,
              moment: outlook.expectation.moment,
              stage: outlook.expectation.stage,
              by: outlook.expectation.by,
            }
          : null,
      },
    }
  }
  const shipmentId = payloadString(row.payload, 'shipmentId')
  if (!shipmentId || !/^[0-9a-f-]{36}$/.test(shipmentId))
    throw new PermanentError(`${template} needs payload.shipmentId`)
  const s = await findShipmentForEmail(db, shop.id, shipmentId)
  if (!s) throw new PermanentError(`Parcel ${shipmentId} no longer exists`)
  const reason = payloadString(row.payload, 'reason') ?? s.delay_reason
  const detail = payloadString(row.payload, 'detail') ?? s.status_detail
  const remediesRaw = (row.payload as Record<string, unknown> | null)?.remedies
  const remedies = Array.isArray(remediesRaw) ? REMEDIES.filter((r) => remediesRaw.includes(r)) : []
  const orderUrl = `${baseUrl}/track/${orderToken(s.order_id)}`
  // A delay email's "new date" must still be ahead (a stale estimate is no date at all); our own
  // prediction is the new date when the carrier has not moved its own.
  const ahead = (d: Date | null) =>
    d && Math.floor(d.getTime() / DAY) >= Math.floor(now.getTime() / DAY) ? d : null
  const eta =
    template === 'delay'
      ? (ahead(s.current_eta) ?? (reason === 'predicted_late' ? ahead(s.predicted_eta) : null))
      : s.current_eta
  return {
    timeZone: s.buyer_timezone,
    data: {
      kind: 'delivery',
      orderNumber: `#${s.order_number}`,
      orderUrl,
      carrierName: carrierProfile(s.carrier).name,
      trackingNumber: s.tracking_number,
      carrierUrl: carrierTrackingUrl(s.carrier, s.tracking_number),
      eta: iso(eta),
      previousEta: iso(s.promised_by ?? s.original_eta),
      deliveredAt: iso(s.delivered_at),
      exception: EXCEPTIONS.find((e) => e === detail) ?? 'other',
      delayReason: DELAY_REASONS.find((r) => r === reason) ?? 'other',
      remedies,
      remedyLinks: remedies.map((remedy) => ({
        remedy,
        url: `${orderUrl}/remedy/${s.id}/${remedy}`,
      })),
      items: itemLines(s.items),
      preferencesUrl: `${baseUrl}/track/preferences/${createPreferencesToken({ shopId: shop.id, email: row.to_email })}`,
    },
  }
}

/**
 * case-coupon and case-resolved: the case's coupon as it was issued (its code, value and the expiry kept
 * then). A coupon email without an issued coupon cannot be sent; a resolution email simply has none.
 */
async function loadCouponEmail(
  shopId: string,
  caseId: string,
  template: 'case-coupon' | 'case-resolved',
): Promise<CaseCouponEmail | null> {
  const c = await findIssuedCouponOfCase(db, shopId, caseId)
  if (!c?.code) {
    if (template === 'case-coupon') throw new PermanentError(`Case ${caseId} has no issued coupon`)
    return null
  }
  const expires = c.expires_at ? new Date(c.expires_at) : null
  return {
    code: c.code,
    amountMinor: c.amount_minor > 0 ? c.amount_minor : null,
    currency: c.currency,
    expiresAt: expires && !Number.isNaN(expires.getTime()) ? expires.toISOString() : null,
  }
}

/** case-label: the label as the email names it, with links to the request page's label and the PDF. */
/** case-replacement: the parcel as the issuer queued it (carrier and tracking number never change). */
function replacementEmail(payload: unknown): CaseReplacementEmail {
  const carrier = payloadString(payload, 'carrier')
  const trackingNumber = payloadString(payload, 'trackingNumber')
  if (!carrier || !trackingNumber) throw new PermanentError('case-replacement needs its parcel')
  return {
    carrierName: carrierProfile(carrier).name,
    trackingNumber,
    carrierUrl: carrierTrackingUrl(carrier, trackingNumber),
  }
}

async function loadLabelEmail(shopId: string, caseId: string, caseUrl: string): Promise<CaseLabelEmail> {
  const l = await findReturnLabelForEmail(db, shopId, caseId)
  if (!l) throw new PermanentError(`Case ${caseId} has no return label`)
  return {
    carrierName: carrierProfile(l.carrier).name,
    trackingNumber: l.tracking_number,
    carrierUrl: carrierTrackingUrl(l.carrier, l.tracking_number),
    labelPageUrl: `${caseUrl}#return-label`,
    pdfUrl: `${caseUrl}/label.pdf`,
    dropOff: l.return_method === 'drop_off',
    hasQr: l.has_qr,
  }
}
