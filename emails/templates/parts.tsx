// Blocks the case emails and the delivery emails share.
import type { ReactNode } from 'react'
import type { EmailLocale, EmailMessageKey } from '../i18n'
import type { CaseEmailData, DeliveryEmailData } from '../types'
import { CodeBox, Facts, Items, Link, P } from './layout'

/** The case in facts; `amount: 'none'` where the email says what it is worth itself (a coupon). */
export function CaseDetails(props: {
  l: EmailLocale
  d: CaseEmailData
  amount: 'expected' | 'issued' | 'none'
}) {
  const { l, d } = props
  const rows: [string, ReactNode][] = [
    [l.t('common.caseLabel'), d.caseNumber],
    [l.t('common.orderLabel'), d.orderNumber],
  ]
  if (d.resolution) rows.push([l.t('resolution.label'), l.t(`resolution.${d.resolution}`)])
  if (props.amount === 'issued' && d.issuedMinor > 0) {
    rows.push([l.t('amount.issued'), l.f.money(d.issuedMinor, d.currency)])
  } else if (props.amount === 'expected' && d.totalMinor > 0) {
    rows.push([l.t('amount.expected'), l.f.money(d.totalMinor, d.currency)])
  }
  return (
    <>
      <Facts rows={rows} />
      <Items l={l} items={d.items} />
    </>
  )
}

export function ParcelDetails(props: { l: EmailLocale; d: DeliveryEmailData; eta?: boolean }) {
  const { l, d } = props
  const rows: [string, ReactNode][] = [
    [l.t('common.orderLabel'), d.orderNumber],
    [l.t('common.carrier'), d.carrierName],
    [l.t('common.trackingNumber'), d.trackingNumber],
  ]
  if (props.eta && d.eta) rows.push([l.t('common.eta'), l.f.date(d.eta)])
  return (
    <>
      <Facts rows={rows} />
      {d.carrierUrl ? (
        <P>
          <Link href={d.carrierUrl}>{l.t('common.carrierLink', { carrier: d.carrierName })}</Link>
        </P>
      ) : null}
      <Items l={l} items={d.items} />
    </>
  )
}

/**
 * What the buyer gets and when, in one sentence: the moment it waits for under the shop's policy and the
 * date to expect it ("Your refund of €45.00 is sent when the carrier first scans your parcel — expect it
 * by Tue, 8 December."). Nothing when there is no date to give (held, declined, credit already added).
 */
export function ExpectationLine(props: { l: EmailLocale; d: CaseEmailData }) {
  const { l, d } = props
  const e = d.expectation
  if (!e?.by) return null
  let when: string
  if (e.stage === 'waiting') when = e.moment
  else if (e.stage === 'released') when = 'released'
  else if (e.stage === 'issued' && (e.kind === 'refund' || e.kind === 'replacement')) when = 'issued'
  else return null
  if (e.kind === 'replacement' && (when === 'delivered' || when === 'inspected')) return null
  const key = `expect.${e.kind}.${when}` as EmailMessageKey
  return <P>{l.t(key, { amount: l.f.money(e.amountMinor, d.currency), date: l.f.date(e.by) })}</P>
}

/**
 * The buyer's coupon: the code set apart, what it is worth and the date to use it by (in the buyer's
 * language and zone, with the year: it runs for months), and how to use it.
 */
export function CouponBlock(props: { l: EmailLocale; d: CaseEmailData }) {
  const { l } = props
  const c = props.d.coupon
  if (!c) return null
  const rows: [string, ReactNode][] = []
  if (c.amountMinor !== null && c.amountMinor > 0) {
    rows.push([l.t('coupon.worth'), l.f.money(c.amountMinor, c.currency)])
  }
  if (c.expiresAt) rows.push([l.t('coupon.useBy'), l.f.dateWithYear(c.expiresAt)])
  return (
    <>
      <CodeBox label={l.t('coupon.code')} code={c.code} />
      {rows.length ? <Facts rows={rows} /> : null}
      <P>{l.t('coupon.howTo')}</P>
    </>
  )
}
