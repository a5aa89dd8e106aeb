// A delay notice's remedy link: shows the parcel's situation and the chosen remedy with one button.
// Confirming opens a "not arrived" case for the parcel (or, for waiting, just thanks the buyer) and goes
// to the case page. No client JavaScript; en/ru/pl like every buyer page.
import {
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { BuyerShell } from '#app/components/buyer-shell'
import { createFormatter } from '#app/i18n/format'
import { createT, type MessageKey } from '#app/i18n/t'
import { requireBuyerOrder } from '#app/services/buyer/require-buyer.server'
import {
  acceptRemedy,
  getRemedyOffer,
  RemedyParamsSchema,
  type RemedyView,
} from '#app/services/notices/remedy.server'
import { bufferedJson } from '#app/http/buffered-response.server'

export const handle = { hydrate: false }

const noStore = { 'Cache-Control': 'private, no-store', 'X-Robots-Tag': 'noindex' }

function parseParams(params: Record<string, string | undefined>) {
  const parsed = RemedyParamsSchema.safeParse(params)
  if (!parsed.success) throw new Response('Not found', { status: 404 })
  return parsed.data
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const token = params.orderToken ?? ''
  const now = new Date()
  const { shop, locale, setLangCookie, shopId, orderId } = await requireBuyerOrder(request, token, now)
  const { shipmentId, remedy } = parseParams(params)
  const view = await getRemedyOffer({ shopId, orderId, shipmentId, remedy, now })
  if (!view) throw new Response('Not found', { status: 404 })
  const headers = new Headers(noStore)
  if (setLangCookie) headers.append('Set-Cookie', setLangCookie)
  const url = new URL(request.url)
  return bufferedJson(
    {
      locale,
      shop: { name: shop.name, brandColor: shop.brandColor, timezone: shop.timezone },
      token,
      view,
      waited: url.searchParams.get('done') === 'wait',
      path: url.pathname,
    },
    { headers },
  )
}

export async function action({ request, params }: ActionFunctionArgs) {
  const token = params.orderToken ?? ''
  const { locale, shopId, orderId } = await requireBuyerOrder(request, token)
  const { shipmentId, remedy } = parseParams(params)
  const result = await acceptRemedy({ shopId, orderId, shipmentId, remedy, locale, now: new Date() })
  if (result.ok) {
    return result.kind === 'wait'
      ? redirect(`/track/${token}/remedy/${shipmentId}/${remedy}?done=wait`)
      : redirect(`/track/${token}/case/${result.caseNumber}?new=1`)
  }
  if (!result.view) throw new Response('Not found', { status: 404 })
  return bufferedJson({ notOffered: true }, { status: result.status, headers: noStore })
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  {
    title: data
      ? `${createT(data.locale)('noticeRemedy.title', { number: data.view.orderNumber })} · ${data.shop.name}`
      : 'Homebound',
  },
  { name: 'robots', content: 'noindex' },
]

export default function RemedyRoute() {
  const { locale, shop, token, view, waited, path } = useLoaderData<typeof loader>()
  const actionData = useActionData<{ notOffered?: boolean }>()
  const t = createT(locale)
  const f = createFormatter(locale, shop.timezone)
  const offered = view.offered && !actionData?.notOffered
  return (
    <BuyerShell t={t} locale={locale} shopName={shop.name} brandColor={shop.brandColor} path={path} narrow>
      <div className="card wizard" data-testid="remedy-page" data-offered={offered ? 'yes' : 'no'}>
        <p className="muted small">
          <a href={`/track/${token}`}>{t('wizard.backToOrder', { number: view.orderNumber })}</a>
        </p>
        <h1>{t('noticeRemedy.title', { number: view.orderNumber })}</h1>
        <Situation view={view} t={t} f={f} />
        {waited ? (
          <div className="alert info" role="status">
            <p>{t('noticeRemedy.waitThanks')}</p>
          </div>
        ) : offered ? (
          <Form method="post" noValidate>
            <p>
              <strong>
                {t('noticeRemedy.chosen', { remedy: t(`remedy.${view.remedy}` as MessageKey) })}
              </strong>
            </p>
            <p className="muted small">{t(`remedy.${view.remedy}.hint` as MessageKey)}</p>
            {view.amountMinor !== null && view.remedy !== 'wait' ? (
              <p>{t('noticeRemedy.amount', { amount: f.money(view.amountMinor, view.currency) })}</p>
            ) : null}
            {view.remedy !== 'wait' ? <p className="muted small">{t('noticeRemedy.caseNote')}</p> : null}
            <div className="actions">
              <button className="button" type="submit" data-testid="confirm-remedy">
                {t(view.remedy === 'wait' ? 'noticeRemedy.confirmWait' : 'noticeRemedy.confirm')}
              </button>
            </div>
          </Form>
        ) : (
          <div className="alert" role="alert" data-testid="remedy-not-offered">
            <p>{t('noticeRemedy.notOffered')}</p>
            <p>
              <a href={`/track/${token}/problem/kind`}>{t('noticeRemedy.reportProblem')}</a>
            </p>
          </div>
        )}
      </div>
    </BuyerShell>
  )
}

function Situation(props: {
  view: RemedyView
  t: ReturnType<typeof createT>
  f: ReturnType<typeof createFormatter>
}) {
  const { view, t, f } = props
  const p = view.parcel
  return (
    <section aria-label={t('noticeRemedy.parcel', { carrier: p.carrierName, tracking: p.trackingNumber })}>
      <p className="muted small">
        {t('noticeRemedy.parcel', { carrier: p.carrierName, tracking: p.trackingNumber })}
      </p>
      <p>{t(`noticeRemedy.level.${p.level}` as MessageKey)}</p>
      <p>
        {p.newDate ? t('noticeRemedy.newDate', { date: f.date(p.newDate) }) : t('noticeRemedy.noNewDate')}
        {p.expectedBy && (!p.newDate || f.date(p.newDate) !== f.date(p.expectedBy))
          ? ` ${t('noticeRemedy.wasDue', { date: f.date(p.expectedBy) })}`
          : ''}
      </p>
    </section>
  )
}
