// Demo data for the template preview (/admin/emails) and the template tests: one believable order of
// a demo shop, per template, in any language. Links point at the local portal and grant nothing.
import type { Locale } from '#app/i18n/locales'
import type { Brand, CaseEmailData, DeliveryEmailData, RenderInput, TemplateId } from './types'
import { isDeliveryTemplate } from './types'

export const DEMO_BRAND: Brand = {
  shopName: 'Birch & Bay',
  brandColor: '#7a3e9d',
  supportEmail: 'help@birchandbay.example',
}

const base = 'http://localhost:3000'

const DEMO_CASE: CaseEmailData = {
  kind: 'case',
  orderNumber: '#1003',
  caseNumber: 'R-1001',
  caseUrl: `${base}/track/demo-token/case/R-1001`,
  resolution: 'refund',
  items: [
    { title: 'Linen shirt — M', quantity: 1 },
    { title: 'Wool socks', quantity: 2 },
  ],
  currency: 'EUR',
  totalMinor: 6405,
  issuedMinor: 6405,
  reason: null,
  question: null,
  expectation: {
    kind: 'refund',
    amountMinor: 6405,
    moment: 'first_scan',
    stage: 'waiting',
    by: '2026-03-12T10:00:00.000Z',
  },
}

const DEMO_DELIVERY: DeliveryEmailData = {
  kind: 'delivery',
  orderNumber: '#1002',
  orderUrl: `${base}/track/demo-token`,
  carrierName: 'UPS',
  trackingNumber: '1Z999AA10123456784',
  carrierUrl: 'https://www.ups.com/track?tracknum=1Z999AA10123456784',
  eta: '2026-03-09T17:00:00.000Z',
  previousEta: '2026-03-05T17:00:00.000Z',
  deliveredAt: '2026-03-05T11:42:00.000Z',
  exception: 'address',
  delayReason: 'eta_revised',
  remedies: ['wait', 'reship', 'refund'],
  remedyLinks: (['wait', 'reship', 'refund'] as const).map((remedy) => ({
    remedy,
    url: `${base}/track/demo-token/remedy/00000000-0000-4000-8000-000000000000/${remedy}`,
  })),
  items: [{ title: 'Canvas tote', quantity: 1 }],
  preferencesUrl: `${base}/track/preferences/demo-token`,
}

const CASE_EXTRAS: Partial<Record<TemplateId, Partial<CaseEmailData>>> = {
  'case-rejected': { reason: 'The socks were worn, so we cannot take them back under our hygiene rules.' },
  'case-needs-info': { question: 'Could you send a photo of the label inside the shirt?' },
  'case-resolved': {
    issuedMinor: 6405,
    expectation: {
      kind: 'refund',
      amountMinor: 6405,
      moment: 'first_scan',
      stage: 'issued',
      by: '2026-03-12T10:00:00.000Z',
    },
  },
  'case-refund-declined': {
    reason: 'The shirt came back with a torn seam and a stain, so we cannot refund it.',
    expectation: null,
  },
  'resolution-failed': { failedKind: 'refund', expectation: null },
  'case-label': {
    label: {
      carrierName: 'Royal Mail',
      trackingNumber: 'RR526027724GB',
      carrierUrl: 'https://www.royalmail.com/track-your-item#/tracking-results/RR526027724GB',
      labelPageUrl: `${base}/track/demo-token/case/R-1001#return-label`,
      pdfUrl: `${base}/track/demo-token/case/R-1001/label.pdf`,
      dropOff: true,
      hasQr: true,
    },
    expectation: null,
  },
  'case-coupon': {
    resolution: 'coupon',
    issuedMinor: 2500,
    totalMinor: 2500,
    coupon: {
      code: 'SORRY-7KQM-W4XD',
      amountMinor: 2500,
      currency: 'EUR',
      expiresAt: '2027-03-12T10:00:00.000Z',
    },
    expectation: null,
  },
  'case-replacement': {
    resolution: 'exchange',
    replacement: {
      carrierName: 'Royal Mail',
      trackingNumber: 'RR526027738GB',
      carrierUrl: 'https://www.royalmail.com/track-your-item#/tracking-results/RR526027738GB',
    },
    expectation: null,
  },
}

export function demoRenderInput(template: TemplateId, locale: Locale): RenderInput {
  const data = isDeliveryTemplate(template)
    ? DEMO_DELIVERY
    : { ...DEMO_CASE, ...(CASE_EXTRAS[template] ?? {}) }
  return { template, locale, timeZone: 'Europe/Warsaw', brand: DEMO_BRAND, data }
}
