import type { ReactElement } from 'react'
import type { EmailLocale } from '../i18n'
import type { Brand, CaseEmailData, DeliveryEmailData } from '../types'

/** One email: its subject line and its body, from the same data. */
export interface EmailTemplate<D> {
  subject(l: EmailLocale, d: D, brand: Brand): string
  Email(props: { l: EmailLocale; d: D; brand: Brand }): ReactElement
}

export type CaseTemplate = EmailTemplate<CaseEmailData>
export type DeliveryTemplate = EmailTemplate<DeliveryEmailData>
