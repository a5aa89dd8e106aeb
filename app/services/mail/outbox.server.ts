// What staff read in the outbox: every message as the buyer got it (or would have, when mail is
// captured), with its status; and every template rendered with demo data and the shop's branding, for
// the preview page. The logo a message refers to by `cid:` is written into the previewed HTML.
import type { Locale } from '#app/i18n/locales'
import { db } from '#db/client'
import * as outbox from '#db/queries/notifications'
import { findShopLogo } from '#db/queries/shop-logos'
import { findShopById } from '#db/queries/shops'
import { demoRenderInput } from '#emails/demo-data'
import { inlineLogoForPreview } from '#emails/logo'
import { renderEmail } from '#emails/render'
import { TEMPLATE_IDS, type TemplateId } from '#emails/types'
import { brandOf, getMailer } from './deliver-outbox.server'

export const OUTBOX_PAGE_SIZE = 50
export const OUTBOX_STATUSES = outbox.NOTIFICATION_STATUSES
export type OutboxStatus = outbox.NotificationStatus
export { TEMPLATE_IDS, type TemplateId }

const iso = (d: Date | null) => (d ? d.toISOString() : null)

export async function listOutboxPage(input: { shopId: string; status: OutboxStatus | null; page: number }) {
  const [rows, total] = await Promise.all([
    outbox.listOutbox(db, {
      shopId: input.shopId,
      status: input.status,
      limit: OUTBOX_PAGE_SIZE,
      offset: (input.page - 1) * OUTBOX_PAGE_SIZE,
    }),
    outbox.countOutbox(db, { shopId: input.shopId, status: input.status }),
  ])
  return {
    transport: getMailer().transport,
    page: input.page,
    pages: Math.max(1, Math.ceil(total / OUTBOX_PAGE_SIZE)),
    total,
    messages: rows.map((r) => ({
      id: r.id,
      to: r.to_email,
      template: r.template,
      locale: r.locale,
      subject: r.subject,
      status: r.status as OutboxStatus,
      attempts: r.attempts,
      lastError: r.last_error,
      createdAt: r.created_at.toISOString(),
      sentAt: iso(r.sent_at),
      sendAfter: r.send_after.toISOString(),
      transport: r.transport,
    })),
  }
}

export async function getOutboxMessage(input: { shopId: string; id: string }) {
  const r = await outbox.findNotification(db, input.shopId, input.id)
  if (!r) return null
  const logo = r.body_html?.includes('cid:') ? await findShopLogo(db, input.shopId) : null
  return {
    id: r.id,
    to: r.to_email,
    template: r.template,
    locale: r.locale,
    subject: r.subject,
    status: r.status as OutboxStatus,
    attempts: r.attempts,
    lastError: r.last_error,
    createdAt: r.created_at.toISOString(),
    sentAt: iso(r.sent_at),
    sendAfter: r.send_after.toISOString(),
    transport: r.transport,
    messageId: r.message_id,
    html: r.body_html === null ? null : inlineLogoForPreview(r.body_html, logo),
    text: r.body_text,
    headers: (r.headers ?? {}) as Record<string, string>,
    payload: r.payload,
    dedupeKey: r.dedupe_key,
  }
}

/** A template rendered with demo data in one language, branded as the shop's mail is. */
export async function previewTemplate(input: { shopId: string; template: TemplateId; locale: Locale }) {
  const [shop, logo] = await Promise.all([findShopById(db, input.shopId), findShopLogo(db, input.shopId)])
  const demo = demoRenderInput(input.template, input.locale)
  const email = await renderEmail(shop ? { ...demo, brand: brandOf(shop, logo) } : demo)
  return { ...email, html: inlineLogoForPreview(email.html, logo) }
}
