// The templates every email of the product is rendered from, and the data each one shows. The outbox
// row names a template; the delivery service loads this data (through db/queries) and renders it.
import type { Locale } from '#app/i18n/locales'

export const CASE_TEMPLATES = [
  'case-received',
  'case-approved',
  'case-rejected',
  'case-needs-info',
  'case-resolved',
  'resolution-failed',
  'case-refund-declined',
  'case-label',
  'case-replacement',
  'case-coupon',
] as const
export const DELIVERY_TEMPLATES = [
  'shipped',
  'out-for-delivery',
  'delivered',
  'failed-attempt',
  'delay',
  'exception',
  'returned-to-sender',
] as const
export const TEMPLATE_IDS = [...CASE_TEMPLATES, ...DELIVERY_TEMPLATES] as const

export type CaseTemplateId = (typeof CASE_TEMPLATES)[number]
export type DeliveryTemplateId = (typeof DELIVERY_TEMPLATES)[number]
export type TemplateId = CaseTemplateId | DeliveryTemplateId

/**
 * Why an email is sent. Delivery updates are optional for the buyer (they may turn them off, and the
 * email carries List-Unsubscribe); case and money emails are part of a request the buyer made and are
 * always sent.
 */
export type MailCategory = 'case' | 'money' | 'delivery'

export function isTemplateId(v: unknown): v is TemplateId {
  return typeof v === 'string' && (TEMPLATE_IDS as readonly string[]).includes(v)
}

export function isDeliveryTemplate(v: TemplateId): v is DeliveryTemplateId {
  return (DELIVERY_TEMPLATES as readonly string[]).includes(v)
}

export function templateCategory(id: TemplateId): MailCategory {
  if (isDeliveryTemplate(id)) return 'delivery'
  // The resolution email tells the buyer money was refunded or credit issued, the coupon email gives
  // them their code; the failed and declined ones that it did not go through or will not be.
  return id === 'case-resolved' ||
    id === 'case-coupon' ||
    id === 'resolution-failed' ||
    id === 'case-refund-declined'
    ? 'money'
    : 'case'
}

export interface Brand {
  shopName: string
  /** CSS hex colour; anything else falls back to the default. */
  brandColor: string
  supportEmail: string | null
  /** The shop's logo, carried by the message itself as an inline part (see emails/logo.ts). */
  logo?: BrandLogo | null
}

export interface BrandLogo {
  /** The Content-ID of the attached image; the HTML refers to it as `cid:<cid>`. */
  cid: string
  /** The size it is shown at, in CSS pixels. */
  width: number
  height: number
}

export interface ItemLine {
  title: string
  quantity: number
}

export type Resolution = 'refund' | 'store_credit' | 'exchange' | 'coupon' | 'reship'

export interface CaseEmailData {
  kind: 'case'
  /** "#1001" */
  orderNumber: string
  /** "R-1001" */
  caseNumber: string
  /** The buyer's request page, with a long-lived access token. */
  caseUrl: string
  /** Null for a problem report sent to staff before any remedy was chosen. */
  resolution: Resolution | null
  items: ItemLine[]
  currency: string
  totalMinor: number
  issuedMinor: number
  /** case-rejected: why. */
  reason: string | null
  /** case-needs-info: what the shop asks. */
  question: string | null
  /** resolution-failed: what did not go through (money, the return label, or the replacement). */
  failedKind?: 'refund' | 'store_credit' | 'coupon' | 'return_label' | 'replacement'
  /** What the buyer gets and when, computed when the email is sent; null when nothing is expected. */
  expectation: EmailExpectation | null
  /** case-label: the return label and how to send the parcel. */
  label?: CaseLabelEmail | null
  /** case-replacement: the replacement parcel of an exchange or reship. */
  replacement?: CaseReplacementEmail | null
  /** case-coupon and case-resolved: the coupon issued for the case, once it is. */
  coupon?: CaseCouponEmail | null
}

export interface CaseCouponEmail {
  code: string
  /** What it takes off an order; null for a percentage coupon. */
  amountMinor: number | null
  currency: string
  /** ISO instant after which it no longer works; null for coupons issued before it was kept. */
  expiresAt: string | null
}

export interface CaseReplacementEmail {
  carrierName: string
  trackingNumber: string
  /** The carrier's public tracking page (a link, never an image). */
  carrierUrl: string | null
}

/** See app/services/cases/case-expectation.server.ts. */
export interface EmailExpectation {
  kind: 'refund' | 'store_credit' | 'coupon' | 'replacement'
  amountMinor: number
  /** The moment it waits for under the shop's policy. */
  moment: 'approval' | 'first_scan' | 'delivered' | 'inspected'
  stage: 'waiting' | 'released' | 'issued' | 'held' | 'declined' | 'failed'
  /** ISO date to expect it by; null while there is none. */
  by: string | null
}

export interface CaseLabelEmail {
  carrierName: string
  trackingNumber: string
  /** The carrier's public tracking page (a link, never an image). */
  carrierUrl: string | null
  /** The label on the buyer's request page (QR code and download), with a long-lived access token. */
  labelPageUrl: string
  /** The label PDF itself, behind the same token. */
  pdfUrl: string
  /** The buyer chose to hand the parcel in without printing: the QR code comes first. */
  dropOff: boolean
  /** Whether the carrier gave a QR code (otherwise the PDF must be printed). */
  hasQr: boolean
}

export type ExceptionDetail = 'address' | 'customs' | 'damaged' | 'weather' | 'other'
export type DelayReasonCode =
  'predicted_late' | 'eta_revised' | 'eta_passed' | 'no_scan' | 'not_picked_up' | 'other'
/** 'wait' is a delay notice's "I will wait for the new date". */
export type Remedy = 'wait' | 'reship' | 'refund' | 'coupon'

export interface DeliveryEmailData {
  kind: 'delivery'
  orderNumber: string
  /** The buyer's order page, with a long-lived access token. */
  orderUrl: string
  carrierName: string
  trackingNumber: string
  /** The carrier's public tracking page (a link, never an image). */
  carrierUrl: string | null
  /** ISO timestamps. */
  eta: string | null
  /** delay: the date the buyer was given before. */
  previousEta: string | null
  deliveredAt: string | null
  /** exception: what went wrong, which decides what the buyer must do. */
  exception: ExceptionDetail
  /** delay: the plain reason. */
  delayReason: DelayReasonCode
  /** delay: what the buyer may choose. */
  remedies: Remedy[]
  /** delay: one signed link per remedy, to the order page's remedy confirmation. */
  remedyLinks: { remedy: Remedy; url: string }[]
  items: ItemLine[]
  /** The buyer's mail preferences page (also the List-Unsubscribe target). */
  preferencesUrl: string
}

export type EmailData = CaseEmailData | DeliveryEmailData

export interface RenderInput {
  template: TemplateId
  locale: Locale
  /** IANA zone the dates are shown in (the buyer's, else the shop's). */
  timeZone: string
  brand: Brand
  data: EmailData
}

export interface RenderedEmail {
  subject: string
  html: string
  text: string
}
