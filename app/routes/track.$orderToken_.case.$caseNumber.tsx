import {
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { BuyerShell } from '#app/components/buyer-shell'
import { CaseTimeline, caseHeadline } from '#app/components/case-parts'
import { ReturnLabelPanel } from '#app/components/return-label-panel'
import { expectationSentence } from '#app/components/expectation'
import {
  ErrorSummary,
  FieldError,
  ItemLine,
  PhotoInput,
  PhotoTiles,
  fieldId,
  invalidProps,
} from '#app/components/wizard'
import { carrierProfile } from '#app/domain/tracking/carriers'
import { createFormatter } from '#app/i18n/format'
import { createT, type MessageKey } from '#app/i18n/t'
import { requireBuyerOrder } from '#app/services/buyer/require-buyer.server'
import { readWizardForm } from '#app/services/buyer/wizard-form.server'
import { cancelCaseAsBuyer, replyToCaseAsBuyer } from '#app/services/cases/case-actions.server'
import { getBuyerCase, parseCaseNumber } from '#app/services/cases/case-view.server'
import { getBuyerResolutions } from '#app/services/resolutions/resolutions-view.server'
import { getCaseReturnLabel } from '#app/services/resolutions/return-label-view.server'
import { bufferedJson } from '#app/http/buffered-response.server'

export const handle = { hydrate: false }

export async function loader({ request, params }: LoaderFunctionArgs) {
  const token = params.orderToken ?? ''
  const now = new Date()
  const { shop, locale, setLangCookie, shopId, orderId, timeZone } = await requireBuyerOrder(
    request,
    token,
    now,
  )
  const caseNumber = parseCaseNumber(params.caseNumber)
  if (caseNumber === null) throw new Response('Not found', { status: 404 })
  const view = await getBuyerCase({ shopId, orderId, caseNumber, now })
  if (!view) throw new Response('Not found', { status: 404 })
  const [{ failures, coupon }, returnLabel] = await Promise.all([
    getBuyerResolutions({ shopId, caseNumber }),
    getCaseReturnLabel({ shopId, caseId: view.id, forStaff: false }),
  ])
  const headers = new Headers({ 'Cache-Control': 'private, no-store', 'X-Robots-Tag': 'noindex' })
  if (setLangCookie) headers.append('Set-Cookie', setLangCookie)
  const url = new URL(request.url)
  return bufferedJson(
    {
      locale,
      shop: {
        name: shop.name,
        brandColor: shop.brandColor,
        timezone: timeZone,
        supportEmail: shop.supportEmail,
      },
      token,
      view,
      failures,
      coupon,
      returnLabel,
      justOpened: url.searchParams.get('new') === '1',
      path: url.pathname,
    },
    { headers },
  )
}

export async function action({ request, params }: ActionFunctionArgs) {
  const token = params.orderToken ?? ''
  const { shopId, orderId } = await requireBuyerOrder(request, token)
  const caseNumber = parseCaseNumber(params.caseNumber)
  if (caseNumber === null) throw new Response('Not found', { status: 404 })
  const form = await readWizardForm(request)
  if (!form.ok) return bufferedJson({ formError: form.formError, fieldErrors: {} }, { status: form.status })
  const now = new Date()
  const result =
    form.fields.intent === 'cancel'
      ? await cancelCaseAsBuyer({ shopId, orderId, caseNumber, now })
      : await replyToCaseAsBuyer({
          shopId,
          orderId,
          caseNumber,
          message: form.fields.message,
          files: form.files.get('photos') ?? [],
          now,
        })
  if (result.ok) return redirect(`/track/${token}/case/R-${caseNumber}`)
  const status = result.code === 'not_found' ? 404 : result.code === 'invalid_transition' ? 409 : 422
  const formError =
    result.code === 'invalid_photo'
      ? 'photo.error.refused'
      : result.code === 'message_required'
        ? 'case.error.messageRequired'
        : result.code === 'invalid_transition'
          ? 'case.error.notNow'
          : 'wizard.error.notFound'
  const fieldErrors: Record<string, string> =
    result.code === 'invalid_photo' && result.refused?.[0]
      ? { photos: result.refused[0].key }
      : result.code === 'message_required'
        ? { message: 'case.error.messageRequired' }
        : {}
  return bufferedJson({ formError, fieldErrors }, { status })
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  {
    title: data
      ? `${createT(data.locale)('case.title', { number: data.view.number })} · ${data.shop.name}`
      : 'Homebound',
  },
  { name: 'robots', content: 'noindex' },
]

export default function BuyerCaseRoute() {
  const { locale, shop, token, view, failures, coupon, returnLabel, justOpened, path } =
    useLoaderData<typeof loader>()
  const actionData = useActionData<{ formError?: string; fieldErrors?: Record<string, string> }>()
  const t = createT(locale)
  const f = createFormatter(locale, shop.timezone)
  const errors = actionData?.fieldErrors ?? {}
  const finished = ['closed', 'canceled', 'rejected'].includes(view.state)
  const canCancel =
    ['requested', 'needs_info', 'approved', 'awaiting_return'].includes(view.state) && !view.issuedAt
  const photoSrc = (id: string, thumb: boolean) => `/track/${token}/photos/${id}${thumb ? '?thumb=1' : ''}`
  // What the buyer gets, the moment it waits for and the date (see case-expectation.server.ts).
  const expected = expectationSentence(t, f, view.expectation)
  return (
    <BuyerShell t={t} locale={locale} shopName={shop.name} brandColor={shop.brandColor} path={path} narrow>
      <p className="muted small">
        <a href={`/track/${token}`}>{t('wizard.backToOrder', { number: view.orderNumber })}</a>
      </p>
      {justOpened ? (
        <div className="alert success" role="status" data-testid="case-confirmation">
          <h1 className="h2">{t('case.opened', { number: view.number })}</h1>
          <p>{t('case.openedBody')}</p>
        </div>
      ) : null}
      <section
        className="card"
        aria-labelledby="case-heading"
        data-testid="case-card"
        data-state={view.state}
      >
        <div className="order-head">
          {justOpened ? (
            <h2 id="case-heading">{t('case.title', { number: view.number })}</h2>
          ) : (
            <h1 id="case-heading">{t('case.title', { number: view.number })}</h1>
          )}
          <span className={`pill state-${view.state}`} data-testid="case-state">
            {t(`caseState.${view.state}` as MessageKey)}
          </span>
        </div>
        <p className="summary" data-testid="case-headline">
          {caseHeadline(t, f, view)}
        </p>
        {failures.length ? (
          // Money or a replacement that did not go through outranks "issued on …": the buyer must not
          // wait for it.
          <div className="alert warning" role="status" data-testid="case-money-failed">
            {failures.map((kind) => (
              <p key={kind}>{t(`case.failed.${kind}`)}</p>
            ))}
          </div>
        ) : view.issuedAt && view.resolution ? (
          <p data-testid="case-issued">
            {t(`case.issued.${view.resolution}` as MessageKey, { date: f.date(view.issuedAt) })}
          </p>
        ) : expected ? (
          <p data-testid="case-expected" data-stage={view.expectation?.stage}>
            {expected}
          </p>
        ) : null}
        {coupon ? (
          <section className="coupon" aria-labelledby="coupon-heading" data-testid="case-coupon">
            <h2 id="coupon-heading" className="h3">
              {t('case.coupon.heading')}
            </h2>
            <p>
              <code className="coupon-code" data-testid="coupon-code">
                {coupon.code}
              </code>
            </p>
            {coupon.amountMinor !== null || coupon.expiresAt ? (
              <dl className="facts">
                {coupon.amountMinor !== null ? (
                  <>
                    <dt>{t('case.coupon.worth')}</dt>
                    <dd data-testid="coupon-worth">{f.money(coupon.amountMinor, coupon.currency)}</dd>
                  </>
                ) : null}
                {coupon.expiresAt ? (
                  <>
                    <dt>{t('case.coupon.useBy')}</dt>
                    <dd data-testid="coupon-expires">
                      <time dateTime={coupon.expiresAt}>{f.dateWithYear(coupon.expiresAt)}</time>
                    </dd>
                  </>
                ) : null}
              </dl>
            ) : null}
            <p className="small muted">{t('case.coupon.howTo')}</p>
          </section>
        ) : null}
        {view.openQuestion ? (
          <div className="alert info" data-testid="case-question">
            <p>
              <strong>{t('case.question')}</strong>
            </p>
            <p>{view.openQuestion}</p>
          </div>
        ) : null}
        <dl className="facts">
          <dt>{t(view.kind === 'return' ? 'case.kind.return' : 'case.kind.complaint')}</dt>
          <dd>
            {view.complaintKind
              ? t(`problem.kind.${view.complaintKind}` as MessageKey)
              : t('case.kind.returnItems')}
          </dd>
          {view.resolution ? (
            <>
              <dt>{t('case.resolution')}</dt>
              <dd>
                {t(
                  (view.kind === 'complaint'
                    ? `remedy.${view.resolution}`
                    : `resolution.${view.resolution}`) as MessageKey,
                )}
                {view.exchangeFor ? ` · ${view.exchangeFor}` : ''}
                {view.issuedMinor && view.resolution !== 'exchange'
                  ? ` · ${f.money(view.issuedMinor, view.currency)}`
                  : ''}
              </dd>
            </>
          ) : null}
          {view.resolution === 'exchange' ? (
            <>
              <dt>{t('exchange.difference')}</dt>
              <dd data-testid="case-price-difference">
                {view.priceDifferenceMinor > 0
                  ? t('exchange.youPay', { amount: f.money(view.priceDifferenceMinor, view.currency) })
                  : view.priceDifferenceMinor < 0
                    ? t('exchange.weRefund', { amount: f.money(-view.priceDifferenceMinor, view.currency) })
                    : t('exchange.none')}
              </dd>
            </>
          ) : null}
          {view.replacement ? (
            <>
              <dt>{t('case.replacement')}</dt>
              <dd data-testid="case-replacement">
                {carrierProfile(view.replacement.carrier).name} · {view.replacement.trackingNumber}
              </dd>
            </>
          ) : null}
          {view.returnMethod ? (
            <>
              <dt>{t('case.method')}</dt>
              <dd>{t(`method.${view.returnMethod}` as MessageKey)}</dd>
            </>
          ) : null}
          <dt>{t('case.openedOn')}</dt>
          <dd>{f.dateWithYear(view.createdAt)}</dd>
        </dl>
        <h2 className="h3">{t('case.items')}</h2>
        <ul className="items plain-list">
          {view.items.map((i) => (
            <li key={`${i.lineItemId}-${i.reason}`}>
              <ItemLine title={i.title} variantTitle={i.variantTitle} imageUrl={i.imageUrl}>
                <p className="small">
                  {t('return.review.qty', { count: i.quantity })}
                  {view.kind === 'return' ? ` · ${t(`reason.${i.reason}` as MessageKey)}` : ''}
                  {view.kind === 'return' && i.keepItem ? ` · ${t('return.review.keep')}` : ''}
                  {i.exchangeVariantTitle
                    ? ` · ${t('exchange.for', { variant: i.exchangeVariantTitle })}`
                    : ''}
                </p>
                {i.note ? <p className="small muted">“{i.note}”</p> : null}
              </ItemLine>
            </li>
          ))}
        </ul>
        {view.photos.length ? (
          <>
            <h2 className="h3">{t('case.photos')}</h2>
            <PhotoTiles t={t} photos={view.photos} src={photoSrc} />
          </>
        ) : null}
      </section>
      {returnLabel && !finished ? (
        <ReturnLabelPanel
          t={t}
          f={f}
          caseNumber={view.number}
          view={returnLabel}
          filesBase={`/track/${token}/case/${view.number}`}
          showQr={view.returnMethod === 'drop_off'}
        />
      ) : null}
      <section className="card" aria-labelledby="timeline-heading">
        <h2 id="timeline-heading">{t('case.timeline')}</h2>
        <CaseTimeline t={t} f={f} events={view.events} audience="buyer" />
      </section>
      {!finished ? (
        <section className="card" aria-labelledby="reply-heading">
          <h2 id="reply-heading">{t(view.openQuestion ? 'case.reply.answer' : 'case.reply.heading')}</h2>
          <ErrorSummary t={t} formError={actionData?.formError} fieldErrors={errors} />
          <Form method="post" encType="multipart/form-data" noValidate data-testid="case-reply">
            <div className="field">
              <label htmlFor={fieldId('message')}>{t('case.reply.message')}</label>
              <textarea name="message" rows={3} maxLength={2000} {...invalidProps('message', errors)} />
              <FieldError t={t} name="message" errors={errors} />
            </div>
            <PhotoInput t={t} name="photos" required={false} errors={errors} />
            <div className="actions">
              <button className="button" type="submit" name="intent" value="reply">
                {t('case.reply.send')}
              </button>
            </div>
          </Form>
          {canCancel ? (
            <Form method="post" className="cancel-form">
              <button
                className="link-button"
                type="submit"
                name="intent"
                value="cancel"
                data-testid="cancel-case"
              >
                {t('case.cancel')}
              </button>
            </Form>
          ) : null}
        </section>
      ) : null}
      {shop.supportEmail ? (
        <p className="muted small">
          {t('order.help').split('{email}')[0]}
          <a href={`mailto:${shop.supportEmail}`}>{shop.supportEmail}</a>
          {t('order.help').split('{email}')[1]}
        </p>
      ) : null}
    </BuyerShell>
  )
}
