import {
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { BuyerShell } from '#app/components/buyer-shell'
import {
  ErrorSummary,
  FieldError,
  ItemLine,
  PhotoInput,
  PhotoTiles,
  StepNav,
  fieldId,
  invalidProps,
} from '#app/components/wizard'
import { createFormatter, type Formatter } from '#app/i18n/format'
import { createT, type MessageKey, type TFunction } from '#app/i18n/t'
import { requireBuyerOrder } from '#app/services/buyer/require-buyer.server'
import { readWizardForm } from '#app/services/buyer/wizard-form.server'
import { resumeLink } from '#app/services/buyer/resume-link.server'
import {
  getReturnWizard,
  handleReturnStep,
  type ReturnWizardView,
} from '#app/services/returns/return-wizard.server'
import { RETURN_STEPS, isReturnStep, type ReturnStep } from '#app/services/returns/return-wizard.schema'
import { bufferedJson } from '#app/http/buffered-response.server'

export const handle = { hydrate: false }

const STEP_LABEL: Record<ReturnStep, MessageKey> = {
  items: 'return.step.items',
  reasons: 'return.step.reasons',
  resolution: 'return.step.resolution',
  method: 'return.step.method',
  review: 'return.step.review',
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const token = params.orderToken ?? ''
  const { shop, locale, setLangCookie, shopId, orderId, timeZone } = await requireBuyerOrder(request, token)
  const step = params.step
  if (!isReturnStep(step)) throw new Response('Not found', { status: 404 })
  const now = new Date()
  const view = await getReturnWizard({ shopId, orderId, now })
  if (!view) throw new Response('Not found', { status: 404 })
  // The steps are taken in order: a later page opens only once the earlier ones are answered.
  if (RETURN_STEPS.indexOf(step) > RETURN_STEPS.indexOf(view.firstOpenStep)) {
    throw redirect(`/track/${token}/return/${view.firstOpenStep}`)
  }
  const headers = new Headers({ 'Cache-Control': 'private, no-store', 'X-Robots-Tag': 'noindex' })
  if (setLangCookie) headers.append('Set-Cookie', setLangCookie)
  return bufferedJson(
    {
      locale,
      shop: { name: shop.name, brandColor: shop.brandColor, timezone: timeZone },
      token,
      step,
      view,
      resume: view.draftId ? resumeLink({ shopId, orderId, now, path: 'return' }) : null,
      path: new URL(request.url).pathname,
    },
    { headers },
  )
}

export async function action({ request, params }: ActionFunctionArgs) {
  const token = params.orderToken ?? ''
  const { locale, shopId, orderId } = await requireBuyerOrder(request, token)
  const step = params.step
  if (!isReturnStep(step)) throw new Response('Not found', { status: 404 })
  const form = await readWizardForm(request)
  if (!form.ok) return bufferedJson({ formError: form.formError, fieldErrors: {} }, { status: form.status })
  const result = await handleReturnStep({
    shopId,
    orderId,
    step,
    fields: form.fields,
    files: form.files,
    locale,
    now: new Date(),
  })
  if (result.ok) {
    const to = result.redirectTo
    return redirect(
      typeof to === 'string' ? `/track/${token}/return/${to}` : `/track/${token}/case/${to.caseNumber}?new=1`,
    )
  }
  return bufferedJson(
    { formError: result.formError, fieldErrors: result.fieldErrors ?? {} },
    { status: result.status },
  )
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  {
    title: data
      ? `${createT(data.locale)('return.title', { number: data.view.orderNumber })} · ${data.shop.name}`
      : 'Homebound',
  },
  { name: 'robots', content: 'noindex' },
]

type Data = { formError?: string; fieldErrors?: Record<string, string> }

export default function ReturnStepRoute() {
  const { locale, shop, token, step, view, resume, path } = useLoaderData<typeof loader>()
  const actionData = useActionData<Data>()
  const t = createT(locale)
  const f = createFormatter(locale, shop.timezone)
  const base = `/track/${token}/return`
  const open = RETURN_STEPS.indexOf(view.firstOpenStep)
  const steps = RETURN_STEPS.map((s, i) => ({
    id: s,
    label: STEP_LABEL[s],
    href: i <= open ? `${base}/${s}` : null,
  }))
  const errors = actionData?.fieldErrors ?? {}
  const props = { t, f, view, errors, token }
  return (
    <BuyerShell t={t} locale={locale} shopName={shop.name} brandColor={shop.brandColor} path={path} narrow>
      <div className="card wizard">
        <p className="muted small">
          <a href={`/track/${token}`}>{t('wizard.backToOrder', { number: view.orderNumber })}</a>
        </p>
        <h1>{t('return.title', { number: view.orderNumber })}</h1>
        <StepNav t={t} steps={steps} current={step} />
        <ErrorSummary t={t} formError={actionData?.formError} fieldErrors={errors} />
        {step === 'items' ? <ItemsStep {...props} /> : null}
        {step === 'reasons' ? <ReasonsStep {...props} /> : null}
        {step === 'resolution' ? <ResolutionStep {...props} /> : null}
        {step === 'method' ? <MethodStep {...props} /> : null}
        {step === 'review' ? <ReviewStep {...props} /> : null}
        {resume ? (
          <p className="muted small resume" data-testid="resume-link">
            {t('wizard.resume')} <a href={resume}>{t('wizard.resumeLink')}</a>
          </p>
        ) : null}
      </div>
    </BuyerShell>
  )
}

interface StepProps {
  t: TFunction
  f: Formatter
  view: ReturnWizardView
  errors: Record<string, string>
  token: string
}

function eligibilityText(t: TFunction, f: Formatter, m: ReturnWizardView['items'][number]['message']) {
  const params: Record<string, string | number> = { ...m.params }
  if (typeof m.params.date === 'string') params.date = f.dateWithYear(`${m.params.date}T12:00:00Z`)
  return t(m.key as MessageKey, params)
}

function ItemsStep({ t, f, view, errors, token }: StepProps) {
  const chosen = new Map(view.answers.items.map((i) => [i.lineItemId, i.quantity]))
  const anyEligible = view.items.some((i) => i.eligible)
  return (
    <Form method="post" noValidate data-testid="step-items">
      <fieldset className="plain" id={fieldId('items')}>
        <legend className="step-legend">{t('return.items.legend')}</legend>
        {!anyEligible ? <p className="alert info">{t('return.items.noneEligible')}</p> : null}
        <ul className="choice-list">
          {view.items.map((item) => {
            const name = `qty:${item.lineItemId}`
            const note = `${fieldId(name)}-why`
            return (
              <li key={item.lineItemId} data-testid="return-item" data-eligible={item.eligible}>
                <ItemLine
                  title={item.title}
                  variantTitle={item.variantTitle}
                  imageUrl={item.imageUrl}
                  muted={!item.eligible}
                >
                  <p className={item.eligible ? 'muted small' : 'small why'} id={note}>
                    {eligibilityText(t, f, item.message)}
                    {!item.eligible && item.nextStep === 'report_problem' ? (
                      <>
                        {' '}
                        <a href={`/track/${token}/problem`}>{t('return.items.reportInstead')}</a>
                      </>
                    ) : null}
                  </p>
                  {item.eligible ? (
                    item.returnableQty === 1 ? (
                      <label className="check">
                        <input
                          type="checkbox"
                          name={name}
                          value="1"
                          defaultChecked={chosen.has(item.lineItemId)}
                          {...invalidProps(name, errors, note)}
                        />
                        {t('return.items.returnThis')}
                      </label>
                    ) : (
                      <div className="field inline">
                        <label htmlFor={fieldId(name)}>{t('return.items.quantity')}</label>
                        <select
                          name={name}
                          defaultValue={String(chosen.get(item.lineItemId) ?? 0)}
                          {...invalidProps(name, errors, note)}
                        >
                          {Array.from({ length: item.returnableQty + 1 }, (_, n) => (
                            <option key={n} value={n}>
                              {n === 0 ? t('return.items.none') : n}
                            </option>
                          ))}
                        </select>
                      </div>
                    )
                  ) : null}
                  <FieldError t={t} name={name} errors={errors} />
                </ItemLine>
              </li>
            )
          })}
        </ul>
      </fieldset>
      <div className="actions">
        <button className="button" type="submit" disabled={!anyEligible}>
          {t('wizard.continue')}
        </button>
      </div>
    </Form>
  )
}

function ReasonsStep({ t, view, errors, token }: StepProps) {
  const byId = new Map(view.items.map((i) => [i.lineItemId, i]))
  const settings = new Map(view.reasons.map((r) => [r.reason, r]))
  return (
    <Form method="post" encType="multipart/form-data" noValidate data-testid="step-reasons">
      <p className="muted">{t('return.reasons.intro')}</p>
      {view.answers.items.map(({ lineItemId, quantity }) => {
        const item = byId.get(lineItemId)!
        const answer = view.answers.reasons[lineItemId]
        const reasonName = `reason:${lineItemId}`
        const noteName = `note:${lineItemId}`
        const photoName = `photos:${lineItemId}`
        const chosen = answer ? settings.get(answer.reason) : undefined
        const photos = view.photos.filter((p) => p.lineItemId === lineItemId)
        return (
          <fieldset key={lineItemId} className="item-fieldset" data-testid="reason-item">
            <legend>
              {item.title}
              {item.variantTitle ? ` · ${item.variantTitle}` : ''} × {quantity}
            </legend>
            <div className="field">
              <label htmlFor={fieldId(reasonName)}>{t('return.reasons.reason')}</label>
              <select
                name={reasonName}
                defaultValue={answer?.reason ?? ''}
                {...invalidProps(reasonName, errors)}
              >
                <option value="">{t('return.reasons.choose')}</option>
                {view.reasons.map((r) => (
                  <option key={r.reason} value={r.reason}>
                    {t(`reason.${r.reason}` as MessageKey)}
                    {r.photoRequired ? ` (${t('return.reasons.photoNeeded')})` : ''}
                  </option>
                ))}
              </select>
              <FieldError t={t} name={reasonName} errors={errors} />
            </div>
            <div className="field">
              <label htmlFor={fieldId(noteName)}>
                {t(chosen?.noteRequired ? 'return.reasons.noteRequired' : 'return.reasons.note')}
              </label>
              <textarea
                name={noteName}
                rows={2}
                maxLength={1000}
                defaultValue={answer?.note ?? ''}
                {...invalidProps(noteName, errors)}
              />
              <FieldError t={t} name={noteName} errors={errors} />
            </div>
            <PhotoInput t={t} name={photoName} required={Boolean(chosen?.photoRequired)} errors={errors}>
              <PhotoTiles
                t={t}
                photos={photos}
                src={(id, thumb) => `/track/${token}/photos/${id}${thumb ? '?thumb=1' : ''}`}
                removeButton={(id) => ({ name: 'intent', value: `remove:${id}` })}
              />
            </PhotoInput>
          </fieldset>
        )
      })}
      <div className="actions">
        <button className="button" type="submit" name="intent" value="continue">
          {t('wizard.continue')}
        </button>
        <button className="button secondary" type="submit" name="intent" value="upload">
          {t('return.reasons.upload')}
        </button>
      </div>
    </Form>
  )
}

function Totals({
  t,
  f,
  totals,
  bonusPercent,
}: Pick<StepProps, 't' | 'f'> & {
  totals: NonNullable<ReturnWizardView['totals']>
  bonusPercent?: number
}) {
  const c = totals.currency
  return (
    <dl className="money">
      <dt>{t('money.paid')}</dt>
      <dd>{f.money(totals.paidMinor, c)}</dd>
      {totals.restockingFeeMinor ? (
        <>
          <dt>{t('money.restocking')}</dt>
          <dd>−{f.money(totals.restockingFeeMinor, c)}</dd>
        </>
      ) : null}
      {totals.returnShippingFeeMinor ? (
        <>
          <dt>{t('money.shipping')}</dt>
          <dd>−{f.money(totals.returnShippingFeeMinor, c)}</dd>
        </>
      ) : null}
      {totals.bonusMinor ? (
        <>
          <dt>{t('money.bonus', { percent: bonusPercent ?? 0 })}</dt>
          <dd>+{f.money(totals.bonusMinor, c)}</dd>
        </>
      ) : null}
      <dt className="total">{t('money.youGet')}</dt>
      <dd className="total" data-testid="amount-you-get">
        {f.money(totals.issuedMinor, c)}
      </dd>
    </dl>
  )
}

/** An exchange's price difference in words: "you pay £5.00", "we refund £3.00" or "same price". */
function DifferenceText(props: { t: StepProps['t']; f: StepProps['f']; minor: number; currency: string }) {
  const { t, f, minor, currency } = props
  if (minor > 0) return <>{t('exchange.youPay', { amount: f.money(minor, currency) })}</>
  if (minor < 0) return <>{t('exchange.weRefund', { amount: f.money(-minor, currency) })}</>
  return <>{t('exchange.samePrice')}</>
}

function ResolutionStep({ t, f, view, errors }: StepProps) {
  if (view.resolutionOptions.length === 0) {
    return <p className="alert info">{t('return.resolution.none')}</p>
  }
  const current = view.answers.resolution
  return (
    <Form method="post" noValidate data-testid="step-resolution">
      <fieldset className="plain" id={fieldId('resolution')}>
        <legend className="step-legend">{t('return.resolution.legend')}</legend>
        <ul className="choice-list">
          {view.resolutionOptions.map((o) => (
            <li key={o.resolution}>
              <label className="choice" data-testid={`resolution-${o.resolution}`}>
                <input
                  type="radio"
                  name="resolution"
                  value={o.resolution}
                  defaultChecked={current === o.resolution}
                  aria-invalid={errors.resolution ? 'true' : undefined}
                />
                <span>
                  <strong>
                    {t(`resolution.${o.resolution}` as MessageKey)} ·{' '}
                    {f.money(o.totals.issuedMinor, o.totals.currency)}
                  </strong>
                  {o.totals.bonusMinor ? (
                    <span className="pill ok">
                      {t('return.resolution.bonus', {
                        percent: o.bonusPercent,
                        amount: f.money(o.totals.bonusMinor, o.totals.currency),
                      })}
                    </span>
                  ) : null}
                  <span className="muted small block">
                    {t(`resolution.${o.resolution}.hint` as MessageKey)}
                  </span>
                </span>
              </label>
            </li>
          ))}
        </ul>
        <FieldError t={t} name="resolution" errors={errors} />
      </fieldset>
      {view.resolutionOptions.some((o) => o.resolution === 'exchange')
        ? view.exchangeChoices.map((c) => {
            const name = `exchange:${c.lineItemId}`
            return (
              <fieldset
                className="plain"
                id={fieldId(name)}
                key={c.lineItemId}
                data-testid={`exchange-${c.lineItemId}`}
                aria-describedby={errors[name] ? `${fieldId(name)}-error` : undefined}
              >
                <legend className="step-legend">
                  {t('return.resolution.exchangeLegend', {
                    item: c.variantTitle ? `${c.title} (${c.variantTitle})` : c.title,
                  })}
                </legend>
                <p className="hint">{t('return.resolution.exchangeHint')}</p>
                <ul className="choice-list">
                  {c.options.map((o) => (
                    <li key={o.variantId}>
                      <label className="choice" data-testid={`variant-${o.variantId}`}>
                        <input
                          type="radio"
                          name={name}
                          value={o.variantId}
                          defaultChecked={view.answers.exchange[c.lineItemId] === o.variantId}
                          aria-invalid={errors[name] ? 'true' : undefined}
                        />
                        <span>
                          <strong>{o.variantTitle}</strong> · {f.money(o.priceMinor, view.currency)}
                          <span className="muted small block">
                            <DifferenceText t={t} f={f} minor={o.differenceMinor} currency={view.currency} />
                          </span>
                        </span>
                      </label>
                    </li>
                  ))}
                </ul>
                <FieldError t={t} name={name} errors={errors} />
              </fieldset>
            )
          })
        : null}
      {view.resolutionOptions[0] ? (
        <details className="alt">
          <summary>{t('return.resolution.breakdown')}</summary>
          <Totals t={t} f={f} totals={view.resolutionOptions[0].totals} />
        </details>
      ) : null}
      <div className="actions">
        <button className="button" type="submit">
          {t('wizard.continue')}
        </button>
      </div>
    </Form>
  )
}

function MethodStep({ t, view, errors }: StepProps) {
  const current = view.answers.returnMethod ?? (view.methods[0] === 'keep' ? 'keep' : undefined)
  return (
    <Form method="post" noValidate data-testid="step-method">
      <fieldset className="plain" id={fieldId('returnMethod')}>
        <legend className="step-legend">{t('return.method.legend')}</legend>
        <ul className="choice-list">
          {view.methods.map((m) => (
            <li key={m}>
              <label className="choice" data-testid={`method-${m}`}>
                <input
                  type="radio"
                  name="returnMethod"
                  value={m}
                  defaultChecked={current === m}
                  aria-invalid={errors.returnMethod ? 'true' : undefined}
                />
                <span>
                  <strong>{t(`method.${m}` as MessageKey)}</strong>
                  <span className="muted small block">{t(`method.${m}.hint` as MessageKey)}</span>
                </span>
              </label>
            </li>
          ))}
        </ul>
        <FieldError t={t} name="returnMethod" errors={errors} />
      </fieldset>
      <div className="actions">
        <button className="button" type="submit">
          {t('wizard.continue')}
        </button>
      </div>
    </Form>
  )
}

function ReviewStep({ t, f, view, token }: StepProps) {
  const byId = new Map(view.items.map((i) => [i.lineItemId, i]))
  const bonus = view.resolutionOptions.find((o) => o.resolution === view.answers.resolution)?.bonusPercent
  const base = `/track/${token}/return`
  return (
    <Form method="post" data-testid="step-review">
      <input type="hidden" name="draftId" value={view.draftId ?? ''} />
      <h2 className="h3">
        {t('return.review.items')}{' '}
        <a className="small" href={`${base}/items`}>
          {t('wizard.change')}
        </a>
      </h2>
      <ul className="items plain-list">
        {view.answers.items.map(({ lineItemId, quantity }) => {
          const item = byId.get(lineItemId)!
          const answer = view.answers.reasons[lineItemId]
          const photos = view.photos.filter((p) => p.lineItemId === lineItemId).length
          return (
            <li key={lineItemId}>
              <ItemLine title={item.title} variantTitle={item.variantTitle} imageUrl={item.imageUrl}>
                <p className="small">
                  {t('return.review.qty', { count: quantity })} ·{' '}
                  {answer ? t(`reason.${answer.reason}` as MessageKey) : ''}
                  {photos ? ` · ${t('return.review.photos', { count: photos })}` : ''}
                  {view.keptItemIds.includes(lineItemId) ? ` · ${t('return.review.keep')}` : ''}
                </p>
                {answer?.note ? <p className="small muted">“{answer.note}”</p> : null}
              </ItemLine>
            </li>
          )
        })}
      </ul>
      <h2 className="h3">
        {t('return.review.resolution')}{' '}
        <a className="small" href={`${base}/resolution`}>
          {t('wizard.change')}
        </a>
      </h2>
      <p>{view.answers.resolution ? t(`resolution.${view.answers.resolution}` as MessageKey) : ''}</p>
      {view.answers.resolution === 'exchange' ? (
        <>
          <ul className="plain-list small" data-testid="review-exchange">
            {view.exchangeChoices.map((c) => {
              const o = c.options.find((x) => x.variantId === view.answers.exchange[c.lineItemId])
              return o ? (
                <li key={c.lineItemId}>
                  {c.title}
                  {c.variantTitle ? ` (${c.variantTitle})` : ''} → {o.variantTitle}
                </li>
              ) : null
            })}
          </ul>
          {view.priceDifferenceMinor !== null ? (
            <p data-testid="review-price-difference">
              <strong>{t('exchange.difference')}:</strong>{' '}
              <DifferenceText t={t} f={f} minor={view.priceDifferenceMinor} currency={view.currency} />
            </p>
          ) : null}
        </>
      ) : null}
      {view.totals ? <Totals t={t} f={f} totals={view.totals} bonusPercent={bonus} /> : null}
      <h2 className="h3">
        {t('return.review.method')}{' '}
        <a className="small" href={`${base}/method`}>
          {t('wizard.change')}
        </a>
      </h2>
      <p>{view.answers.returnMethod ? t(`method.${view.answers.returnMethod}` as MessageKey) : ''}</p>
      {view.moves ? (
        <p className="muted" data-testid="review-money-moves">
          {t(
            (view.moves.what === 'replacement'
              ? `return.review.when.replacement.${view.moves.moment}`
              : `return.review.when.${view.moves.moment}`) as MessageKey,
          )}
        </p>
      ) : null}
      <div className="actions">
        <button className="button" type="submit" data-testid="submit-return">
          {t('return.review.submit')}
        </button>
      </div>
    </Form>
  )
}
