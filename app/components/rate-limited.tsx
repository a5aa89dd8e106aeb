import { BuyerShell } from '#app/components/buyer-shell'
import { createFormatter, timeUntil } from '#app/i18n/format'
import type { Locale } from '#app/i18n/locales'
import { createT } from '#app/i18n/t'

export interface RateLimitedProps {
  locale: Locale
  shopName: string
  brandColor: string
  /** When lookups open again (ISO). */
  until: string
  /** When the refusal was answered (ISO): the relative time counts from here. */
  now: string
  /** The buyer's zone when their browser told us (the hb_tz cookie), else UTC; always named on the page. */
  timeZone: string
}

/**
 * The page a buyer sees when lookups are paused (429 on /track). It says when to try again first as a
 * relative time, right wherever the buyer is, then as a clock time with its zone named, so the time is
 * never read in a zone the buyer does not know it is in (the server's, say).
 */
export function RateLimitedPage(props: RateLimitedProps) {
  const { locale } = props
  const t = createT(locale)
  const f = createFormatter(locale, props.timeZone)
  return (
    <BuyerShell
      t={t}
      locale={locale}
      shopName={props.shopName}
      brandColor={props.brandColor}
      path="/track"
      narrow
    >
      <div className="card" role="alert" data-testid="rate-limited">
        <h1>{t('ratelimit.heading')}</h1>
        <p>
          {t('ratelimit.body', {
            in: timeUntil(locale, props.until, props.now),
            time: `${f.time(props.until)} ${f.zoneName(props.until)}`,
          })}
        </p>
        <a className="button secondary" href="/track">
          {t('ratelimit.back')}
        </a>
      </div>
    </BuyerShell>
  )
}
