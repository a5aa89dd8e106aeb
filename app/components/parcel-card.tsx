// One parcel on the buyer's order page: status in plain words, progress, dates, delay notice, items and
// the carrier's timeline. Kept as plain functions over the view: this tree renders on every page view.
import type { Formatter } from '#app/i18n/format'
import type { MessageKey, TFunction } from '#app/i18n/t'
import { PROGRESS_STEPS } from '#app/domain/tracking/progress'
import type { ParcelView } from '#app/services/buyer/get-order-tracking.server'

export function statusText(t: TFunction, p: Pick<ParcelView, 'status' | 'statusDetail'>) {
  if (p.status === 'exception' && p.statusDetail)
    return `${t('status.exception')}: ${t(`exception.${p.statusDetail}`)}`
  return t(`status.${p.status}`)
}

/** Title, explanation and next step for a parcel in trouble; null when it is on time. */
export function DelayNotice(props: {
  t: TFunction
  f: Formatter
  parcel: ParcelView
  shopName: string
  supportEmail: string
  headingLevel: 2 | 3
}) {
  const { t, f, parcel } = props
  const d = parcel.delay
  if (d.level === 'on_time') return null
  const base =
    d.reason === 'exception'
      ? (`delay.exception.${d.detail ?? 'other'}` as const)
      : d.reason === 'no_scan_lost' || d.reason === 'lost_by_carrier'
        ? ('delay.lost' as const)
        : (`delay.${d.reason}` as 'delay.no_scan')
  // Getters: each message uses two or three of these, so only those dates are formatted.
  const params = {
    carrier: parcel.carrierName,
    shop: props.shopName,
    email: props.supportEmail,
    get expectedBy() {
      return d.expectedBy ? f.date(d.expectedBy) : '—'
    },
    get newDate() {
      return d.newDate ? f.date(d.newDate) : '—'
    },
    get silentSince() {
      return d.silentSince ? f.dayMonth(d.silentSince) : '—'
    },
    get silentSinceTime() {
      return d.silentSince
        ? f.dateTime(d.silentSince) + (parcel.lastLocation ? `, ${parcel.lastLocation}` : '')
        : '—'
    },
    get escalatesAt() {
      return d.escalatesAt ? f.date(d.escalatesAt) : '—'
    },
    get lastScan() {
      return parcel.lastEventAt ? f.dateTime(parcel.lastEventAt) : '—'
    },
  }
  const H = props.headingLevel === 2 ? 'h2' : 'h3'
  return (
    <section className={`banner ${d.level}`} role="status" data-testid="delay-banner" data-level={d.level}>
      <H>{t(`${base}.title` as MessageKey, params)}</H>
      <p>{t(`${base}.body` as MessageKey, params)}</p>
      {d.newDate && d.reason !== 'eta_revised' ? (
        <p className="new-date">{t('delay.newDate', { date: f.date(d.newDate) })}</p>
      ) : null}
      <p>{t(`${base}.next` as MessageKey, params)}</p>
    </section>
  )
}

function Progress({ t, parcel }: { t: TFunction; parcel: ParcelView }) {
  const { reached, attention, returning } = parcel.progress
  return (
    <ol className="steps" aria-label={t('steps.label')}>
      {PROGRESS_STEPS.map((step, i) => {
        const state =
          i < reached || (i === reached && step === 'delivered') ? 'done' : i === reached ? 'current' : 'todo'
        const label = returning && i === PROGRESS_STEPS.length - 1 ? t('steps.returning') : t(`steps.${step}`)
        return (
          <li
            key={step}
            className={`${state}${state === 'current' && attention ? ' attention' : ''}`}
            aria-current={state === 'current' ? 'step' : undefined}
          >
            {label}
            <span className="visually-hidden">{` (${t(`steps.${state}`)})`}</span>
          </li>
        )
      })}
    </ol>
  )
}

export function ParcelCard(props: {
  t: TFunction
  f: Formatter
  parcel: ParcelView
  index: number
  total: number
  shopName: string
  supportEmail: string
  now: string
  /** "Europe/Warsaw (CET)": the zone the times are shown in, computed once per page. */
  zoneLabel: string
}) {
  const { t, f, parcel } = props
  const delivered = parcel.status === 'delivered' && parcel.deliveredAt
  // The same instant is the same day: only a moved estimate needs both dates formatted to compare them.
  const etaChanged =
    parcel.originalEta &&
    parcel.currentEta &&
    parcel.originalEta !== parcel.currentEta &&
    f.date(parcel.originalEta) !== f.date(parcel.currentEta)
  // An estimate whose day is over is history, not a promise: label it so.
  const etaPassed =
    !delivered && parcel.currentEta !== null && f.dayKey(parcel.currentEta) < f.dayKey(props.now)
  return (
    <article className="card" data-testid="parcel" aria-labelledby={`parcel-${parcel.id}`}>
      <div className="parcel-head">
        <h2 id={`parcel-${parcel.id}`} data-testid={parcel.replacementFor ? 'replacement-parcel' : undefined}>
          {parcel.replacementFor
            ? t('parcel.replacementFor', { case: parcel.replacementFor })
            : props.total > 1
              ? t('parcel.heading', { index: props.index, total: props.total })
              : t('parcel.headingSingle')}
        </h2>
        <span className="muted small">{t('parcel.via', { carrier: parcel.carrierName })}</span>
      </div>
      <p className={`status-line${delivered ? ' delivered' : ''}`} data-testid="parcel-status">
        {statusText(t, parcel)}
      </p>
      {parcel.lastEventAt ? (
        <p className="muted small">{t('parcel.lastUpdate', { dateTime: f.dateTime(parcel.lastEventAt) })}</p>
      ) : null}
      <Progress t={t} parcel={parcel} />
      <DelayNotice
        t={t}
        f={f}
        parcel={parcel}
        shopName={props.shopName}
        supportEmail={props.supportEmail}
        headingLevel={3}
      />
      <dl className="facts">
        <div>
          <dt>{delivered ? t('status.delivered') : etaPassed ? t('parcel.etaPassed') : t('parcel.eta')}</dt>
          <dd data-testid="parcel-eta">
            {delivered ? (
              t('parcel.deliveredOn', {
                date: f.date(parcel.deliveredAt!),
                time: f.time(parcel.deliveredAt!),
              })
            ) : parcel.currentEta ? (
              <>
                {f.date(parcel.currentEta)}
                {etaChanged ? (
                  <span className="was">
                    {t('parcel.etaOriginal', { date: f.date(parcel.originalEta!) })}
                  </span>
                ) : null}
              </>
            ) : (
              <span className="muted">{t('parcel.etaUnknown')}</span>
            )}
          </dd>
        </div>
        <div>
          <dt>{t('parcel.trackingNumber')}</dt>
          <dd>
            {parcel.trackingUrl ? (
              <a href={parcel.trackingUrl} target="_blank" rel="noopener noreferrer">
                {parcel.trackingNumber}
                <span className="visually-hidden">{` ${t('parcel.carrierLinkNewTab')}`}</span>
              </a>
            ) : (
              parcel.trackingNumber
            )}
          </dd>
        </div>
      </dl>
      <h3>{t('parcel.items')}</h3>
      <ItemList t={t} items={parcel.items} />
      <details className="history" open={parcel.delay.level !== 'on_time' || props.total === 1}>
        <summary>{t('parcel.history')}</summary>
        <p className="muted small">{t('parcel.historyZone', { zone: props.zoneLabel })}</p>
        {parcel.events.length === 0 ? (
          <p className="muted">{t('parcel.noEvents')}</p>
        ) : (
          <ol className="timeline">
            {parcel.events.map((e, i) => (
              <li key={i}>
                <div className="when">
                  <time dateTime={e.at}>{f.dateTime(e.at)}</time>
                  {e.location ? ` · ${e.location}` : ''}
                </div>
                <div className="what">{statusText(t, { status: e.status, statusDetail: e.detail })}</div>
                <div className="raw">{t('parcel.originalText', { text: e.description })}</div>
              </li>
            ))}
          </ol>
        )}
      </details>
    </article>
  )
}

export function ItemList({ t, items }: { t: TFunction; items: ParcelView['items'] }) {
  return (
    <ul className="items">
      {items.map((it, i) => (
        <li key={i}>
          {it.imageUrl ? (
            <img className="thumb" src={it.imageUrl} alt="" width={48} height={48} loading="lazy" />
          ) : (
            <span className="thumb" aria-hidden="true" />
          )}
          <div>
            <div className="item-title">{it.title}</div>
            <div className="muted small">
              {[it.variantTitle, t('parcel.quantity', { count: it.quantity })].filter(Boolean).join(' · ')}
            </div>
          </div>
        </li>
      ))}
    </ul>
  )
}
