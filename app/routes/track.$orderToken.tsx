import { redirect, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { BuyerShell } from '#app/components/buyer-shell'
import { bufferedJson } from '#app/http/buffered-response.server'
import { DelayNotice, ItemList, ParcelCard } from '#app/components/parcel-card'
import { DELAY_SEVERITY } from '#app/domain/tracking/delay'
import { createFormatter } from '#app/i18n/format'
import { createT, type MessageKey } from '#app/i18n/t'
import { getBuyerContext, readCookie, TZ_COOKIE } from '#app/services/buyer/buyer-context.server'
import { flashBuyer } from '#app/services/buyer/buyer-session.server'
import { getBuyerOrderPage } from '#app/services/buyer/require-buyer.server'

export const handle = { hydrate: false }

export async function loader({ request, params }: LoaderFunctionArgs) {
  const now = new Date()
  const { shop, locale, setLangCookie } = await getBuyerContext(request)
  const view = await getBuyerOrderPage({
    shop,
    token: params.orderToken ?? '',
    now,
    timeZoneHint: readCookie(request, TZ_COOKIE),
  })
  if (!view) {
    throw redirect(`/track?lang=${locale}`, {
      headers: { 'Set-Cookie': await flashBuyer(request, 'badToken') },
    })
  }
  const headers = new Headers({ 'Cache-Control': 'private, no-store', 'X-Robots-Tag': 'noindex' })
  if (setLangCookie) headers.append('Set-Cookie', setLangCookie)
  return bufferedJson(
    { locale, view, now: now.toISOString(), path: new URL(request.url).pathname },
    { headers },
  )
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  {
    title: data
      ? `${createT(data.locale)('meta.title.order', { number: data.view.order.number })} · ${data.view.shop.name}`
      : 'Homebound',
  },
  { name: 'robots', content: 'noindex' },
]

export default function OrderRoute() {
  const { locale, view, now, path } = useLoaderData<typeof loader>()
  const t = createT(locale)
  const f = createFormatter(locale, view.timeZone)
  const supportEmail = view.shop.supportEmail ?? ''
  const zoneLabel = `${view.timeZone.replace(/_/g, ' ')} (${f.zoneName(now)})`
  const [helpBefore, helpAfter] = t('order.help').split('{email}')
  const troubled = view.parcels.filter((p) => p.delay.level !== 'on_time')
  const summary = view.allDelivered
    ? t('order.summary.allDelivered')
    : view.parcels.length === 0
      ? t('order.summary.notShipped')
      : troubled.length
        ? t('order.summary.attention')
        : t('order.summary.onTheWay')
  return (
    <BuyerShell t={t} locale={locale} shopName={view.shop.name} brandColor={view.shop.brandColor} path={path}>
      <div className="card">
        <div className="order-head">
          <div>
            <h1>{t('order.heading', { number: view.order.number })}</h1>
            <p className="muted small">
              {`${t('order.placed', { date: f.dateWithYear(view.order.placedAt) })} · ${t('order.shipTo', { place: view.order.shipTo })} · ${t('order.parcels', { count: view.parcels.length })}`}
            </p>
          </div>
        </div>
        <p className="summary" data-testid="order-summary">
          {summary}
        </p>
      </div>
      {/* The worst problem is repeated at the top so the buyer sees it before scrolling. */}
      {view.parcels.length > 1 && troubled.length ? (
        <DelayNotice
          t={t}
          f={f}
          parcel={
            [...troubled].sort((a, b) => DELAY_SEVERITY[b.delay.level] - DELAY_SEVERITY[a.delay.level])[0]!
          }
          shopName={view.shop.name}
          supportEmail={supportEmail}
          headingLevel={2}
        />
      ) : null}
      {view.parcels.map((p, i) => (
        <ParcelCard
          key={p.id}
          t={t}
          f={f}
          parcel={p}
          index={i + 1}
          total={view.parcels.length}
          shopName={view.shop.name}
          supportEmail={supportEmail}
          now={now}
          zoneLabel={zoneLabel}
        />
      ))}
      {view.cases.length ? (
        <section className="card" aria-labelledby="cases-heading" data-testid="order-cases">
          <h2 id="cases-heading">{t('order.cases.heading')}</h2>
          <ul className="case-list">
            {view.cases.map((c) => (
              <li key={c.number}>
                <a href={`${path}/case/${c.number}`}>
                  {t(c.kind === 'return' ? 'order.cases.return' : 'order.cases.complaint', {
                    number: c.number,
                  })}
                </a>{' '}
                <span className={`pill state-${c.state}`}>{t(`caseState.${c.state}` as MessageKey)}</span>{' '}
                <span className="muted small">
                  {t('order.cases.opened', { date: f.dateWithYear(c.createdAt) })}
                </span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {view.parcels.length ? (
        <section className="card actions-card" aria-labelledby="actions-heading" data-testid="order-actions">
          <h2 id="actions-heading">{t('order.actions.heading')}</h2>
          <div className="action-grid">
            <a className="action" href={`${path}/return`} data-testid="start-return">
              <strong>{t('order.actions.return')}</strong>
              <span className="muted small">{t('order.actions.returnHint')}</span>
            </a>
            <a className="action" href={`${path}/problem`} data-testid="report-problem">
              <strong>{t('order.actions.problem')}</strong>
              <span className="muted small">{t('order.actions.problemHint')}</span>
            </a>
          </div>
        </section>
      ) : null}
      {view.notShipped.length ? (
        <section className="card" data-testid="not-shipped" aria-labelledby="not-shipped">
          <h2 id="not-shipped">{t('unshipped.heading')}</h2>
          <p className="muted">{t('unshipped.body')}</p>
          <ItemList t={t} items={view.notShipped} />
        </section>
      ) : null}
      <p className="muted small">
        {supportEmail ? (
          <>
            {helpBefore}
            <a href={`mailto:${supportEmail}`}>{supportEmail}</a>
            {`${helpAfter} `}
          </>
        ) : null}
        <a href="/track">{t('order.lookupAnother')}</a>
      </p>
    </BuyerShell>
  )
}
