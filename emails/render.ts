// Template id + data + locale + shop branding → subject, HTML and plain text. The plain text is the
// same rendered HTML converted by React Email's own converter (what `render(…, { plainText: true })`
// does), so the two parts can never say different things; rendering once halves the cost.
import { render, toPlainText } from '@react-email/render'
import { createElement } from 'react'
import { emailLocale } from './i18n'
import { caseApproved } from './templates/case-approved'
import { caseCoupon } from './templates/case-coupon'
import { caseLabel } from './templates/case-label'
import { caseReplacement } from './templates/case-replacement'
import { caseNeedsInfo } from './templates/case-needs-info'
import { caseReceived } from './templates/case-received'
import { caseRefundDeclined } from './templates/case-refund-declined'
import { caseRejected } from './templates/case-rejected'
import { caseResolved } from './templates/case-resolved'
import { resolutionFailed } from './templates/resolution-failed'
import { delay } from './templates/delay'
import { delivered } from './templates/delivered'
import { exception } from './templates/exception'
import { failedAttempt } from './templates/failed-attempt'
import { outForDelivery } from './templates/out-for-delivery'
import { returnedToSender } from './templates/returned-to-sender'
import { shipped } from './templates/shipped'
import type { CaseTemplate, DeliveryTemplate } from './templates/template'
import type { CaseTemplateId, DeliveryTemplateId, RenderedEmail, RenderInput } from './types'
import { isDeliveryTemplate } from './types'

const caseTemplates: Record<CaseTemplateId, CaseTemplate> = {
  'case-received': caseReceived,
  'case-approved': caseApproved,
  'case-rejected': caseRejected,
  'case-needs-info': caseNeedsInfo,
  'case-resolved': caseResolved,
  'resolution-failed': resolutionFailed,
  'case-refund-declined': caseRefundDeclined,
  'case-label': caseLabel,
  'case-replacement': caseReplacement,
  'case-coupon': caseCoupon,
}

const deliveryTemplates: Record<DeliveryTemplateId, DeliveryTemplate> = {
  shipped,
  'out-for-delivery': outForDelivery,
  delivered,
  'failed-attempt': failedAttempt,
  delay,
  exception,
  'returned-to-sender': returnedToSender,
}

export class TemplateDataError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'TemplateDataError'
  }
}

export async function renderEmail(input: RenderInput): Promise<RenderedEmail> {
  const l = emailLocale(input.locale, input.timeZone)
  const { brand, data, template } = input
  let subject: string
  let element
  if (isDeliveryTemplate(template)) {
    if (data.kind !== 'delivery') throw new TemplateDataError(`${template} needs delivery data`)
    const tpl = deliveryTemplates[template]
    subject = tpl.subject(l, data, brand)
    element = createElement(tpl.Email, { l, d: data, brand })
  } else {
    if (data.kind !== 'case') throw new TemplateDataError(`${template} needs case data`)
    const tpl = caseTemplates[template]
    subject = tpl.subject(l, data, brand)
    element = createElement(tpl.Email, { l, d: data, brand })
  }
  const html = await render(element)
  const text = toPlainText(html)
  return { subject, html, text }
}
