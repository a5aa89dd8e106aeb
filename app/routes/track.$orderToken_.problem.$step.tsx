import {
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { BuyerShell } from '#app/components/buyer-shell'
import { statusText } from '#app/components/parcel-card'
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
import { COMPLAINT_KINDS } from '#app/domain/complaints/playbook'
import { createFormatter, type Formatter } from '#app/i18n/format'
import { createT, type MessageKey, type TFunction } from '#app/i18n/t'
import { requireBuyerOrder } from '#app/services/buyer/require-buyer.server'
import { readWizardForm } from '#app/services/buyer/wizard-form.server'
import { resumeLink } from '#app/services/buyer/resume-link.server'
import {
  COMPLAINT_STEPS,
  getComplaintWizard,
  handleComplaintStep,
  type ComplaintStep,
  type ComplaintWizardView,
} from '#app/services/complaints/complaint-wizard.server'
import { bufferedJson } from '#app/http/buffered-response.server'

export const handle = { hydrate: false }

const isStep = (s: unknown): s is ComplaintStep =>
  typeof s === 'string' && (COMPLAINT_STEPS as readonly string[]).includes(s)

export async function loader({ request, params }: LoaderFunctionArgs) {
  const token = params.orderToken ?? ''
  const now = new Date()
  const { shop, locale, setLangCookie, shopId, orderId, timeZone } = await requireBuyerOrder(
    request,
    token,
    now,
  )
  const step = params.step
  if (!isStep(step)) throw new Response('Not found', { status: 404 })
  const view = await getComplaintWizard({ shopId, orderId, now })
  if (!view) throw new Response('Not found', { status: 404 })
  if (COMPLAINT_STEPS.indexOf(step) > COMPLAINT_STEPS.indexOf(view.firstOpenStep)) {
    throw redirect(`/track/${token}/problem/${view.firstOpenStep}`)
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
      resume: view.draftId ? resumeLink({ shopId, orderId, now, path: 'problem' }) : null,
      path: new URL(request.url).pathname,
    },
    { headers },
  )
}

export async function action({ request, params }: ActionFunctionArgs) {
  const token = params.orderToken ?? ''
  const { locale, shopId, orderId } = await requireBuyerOrder(request, token)
  const step = params.step
  if (!isStep(step)) throw new Response('Not found', { status: 404 })
  const form = await readWizardForm(request)
  if (!form.ok) return bufferedJson({ formError: form.formError, fieldErrors: {} }, { status: form.status })
  const result = await handleComplaintStep({
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
      typeof to === 'string'
        ? `/track/${token}/problem/${to}`
        : `/track/${token}/case/${to.caseNumber}?new=1`,
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
      ? `${createT(data.locale)('problem.title', { number: data.view.orderNumber })} · ${data.shop.name}`
      : 'Homebound',
  },
  { name: 'robots', content: 'noindex' },
]

type Data = { formError?: string; fieldErrors?: Record<string, string> }
interface StepProps {
  t: TFunction
  f: Formatter
  view: ComplaintWizardView
  errors: Record<string, string>
  token: string
}

export default function ProblemStepRoute() {
  const { locale, shop, token, step, view, resume, path } = useLoaderData<typeof loader>()
  const actionData = useActionData<Data>()
  const t = createT(locale)
  const f = createFormatter(locale, shop.timezone)
  const base = `/track/${token}/problem`
  const shown = COMPLAINT_STEPS.filter((s) => s !== 'details' || view.needsDetails)
  const open = COMPLAINT_STEPS.indexOf(view.firstOpenStep)
  const steps = shown.map((s) => ({
    id: s,
    label: `problem.step.${s}` as MessageKey,
    href: COMPLAINT_STEPS.indexOf(s) <= open ? `${base}/${s}` : null,
  }))
  const errors = actionData?.fieldErrors ?? {}
  const props = { t, f, view, errors, token }
  return (
    <BuyerShell t={t} locale={locale} shopName={shop.name} brandColor={shop.brandColor} path={path} narrow>
      <div className="card wizard">
        <p className="muted small">
          <a href={`/track/${token}`}>{t('wizard.backToOrder', { number: view.orderNumber })}</a>
        </p>
        <h1>{t('problem.title', { number: view.orderNumber })}</h1>
        <StepNav t={t} steps={steps} current={step} />
        <ErrorSummary t={t} formError={actionData?.formError} fieldErrors={errors} />
        {step === 'kind' ? <KindStep {...props} /> : null}
        {step === 'details' ? <DetailsStep {...props} /> : null}
        {step === 'outcome' ? <OutcomeStep {...props} /> : null}
        {resume ? (
          <p className="muted small resume">
            {t('wizard.resume')} <a href={resume}>{t('wizard.resumeLink')}</a>
          </p>
        ) : null}
      </div>
    </BuyerShell>
  )
}

function KindStep({ t, view, errors }: StepProps) {
  return (
    <Form method="post" noValidate data-testid="step-kind">
      <fieldset className="plain" id={fieldId('kind')}>
        <legend className="step-legend">{t('problem.kind.legend')}</legend>
        <ul className="choice-list">
          {COMPLAINT_KINDS.map((k) => (
            <li key={k}>
              <label className="choice" data-testid={`kind-${k}`}>
                <input
                  type="radio"
                  name="kind"
                  value={k}
                  defaultChecked={view.answers.kind === k}
                  aria-invalid={errors.kind ? 'true' : undefined}
                />
                <span>
                  <strong>{t(`problem.kind.${k}` as MessageKey)}</strong>
                  <span className="muted small block">{t(`problem.kind.${k}.hint` as MessageKey)}</span>
                </span>
              </label>
            </li>
          ))}
        </ul>
        <FieldError t={t} name="kind" errors={errors} />
      </fieldset>
      {view.parcels.length > 1 ? (
        <div className="field">
          <label htmlFor={fieldId('shipmentId')}>{t('problem.kind.parcel')}</label>
          <span className="hint" id="parcel-hint">
            {t('problem.kind.parcelHint')}
          </span>
          <select
            name="shipmentId"
            defaultValue={view.answers.shipmentId ?? ''}
            {...invalidProps('shipmentId', errors, 'parcel-hint')}
          >
            <option value="">{t('problem.kind.parcelAny')}</option>
            {view.parcels.map((p, i) => (
              <option key={p.id} value={p.id}>
                {t('parcel.heading', { index: i + 1, total: view.parcels.length })} · {p.carrierName} ·{' '}
                {statusText(t, { status: p.status, statusDetail: null })}
              </option>
            ))}
          </select>
          <FieldError t={t} name="shipmentId" errors={errors} />
        </div>
      ) : null}
      <div className="actions">
        <button className="button" type="submit">
          {t('wizard.continue')}
        </button>
      </div>
    </Form>
  )
}

function DetailsStep({ t, view, errors, token }: StepProps) {
  const kind = view.answers.kind
  const chosen = new Map(view.answers.items.map((i) => [i.lineItemId, i.quantity]))
  const withItems = kind === 'damaged' || kind === 'wrong_item' || kind === 'missing_item'
  const withPhotos = kind === 'damaged' || kind === 'wrong_item' || kind === 'other'
  const photosRequired = view.decision?.requires.photos ?? false
  const items = view.parcels.flatMap((p) => p.items)
  return (
    <Form method="post" encType="multipart/form-data" noValidate data-testid="step-details">
      {withItems ? (
        <fieldset className="plain" id={fieldId('items')}>
          <legend className="step-legend">{t(`problem.details.items.${kind}` as MessageKey)}</legend>
          <ul className="choice-list">
            {items.map((item) => {
              const name = `qty:${item.lineItemId}`
              return (
                <li key={`${item.lineItemId}`} data-testid="problem-item">
                  <ItemLine title={item.title} variantTitle={item.variantTitle} imageUrl={null}>
                    {item.quantity === 1 ? (
                      <label className="check">
                        <input
                          type="checkbox"
                          name={name}
                          value="1"
                          defaultChecked={chosen.has(item.lineItemId)}
                          {...invalidProps(name, errors)}
                        />
                        {t('problem.details.thisItem')}
                      </label>
                    ) : (
                      <div className="field inline">
                        <label htmlFor={fieldId(name)}>{t('problem.details.howMany')}</label>
                        <select
                          name={name}
                          defaultValue={String(chosen.get(item.lineItemId) ?? 0)}
                          {...invalidProps(name, errors)}
                        >
                          {Array.from({ length: item.quantity + 1 }, (_, n) => (
                            <option key={n} value={n}>
                              {n === 0 ? t('return.items.none') : n}
                            </option>
                          ))}
                        </select>
                      </div>
                    )}
                    <FieldError t={t} name={name} errors={errors} />
                  </ItemLine>
                </li>
              )
            })}
          </ul>
          <FieldError t={t} name="items" errors={errors} />
        </fieldset>
      ) : null}
      {withPhotos ? (
        <PhotoInput t={t} name="photos" required={photosRequired} errors={errors}>
          <PhotoTiles
            t={t}
            photos={view.photos}
            src={(id, thumb) => `/track/${token}/photos/${id}${thumb ? '?thumb=1' : ''}`}
            removeButton={(id) => ({ name: 'intent', value: `remove:${id}` })}
          />
        </PhotoInput>
      ) : null}
      <div className="field">
        <label htmlFor={fieldId('note')}>
          {t(kind === 'other' ? 'problem.details.noteRequired' : 'problem.details.note')}
        </label>
        <textarea
          name="note"
          rows={3}
          maxLength={2000}
          defaultValue={view.answers.note ?? ''}
          {...invalidProps('note', errors)}
        />
        <FieldError t={t} name="note" errors={errors} />
      </div>
      <div className="actions">
        <button className="button" type="submit" name="intent" value="continue">
          {t('wizard.continue')}
        </button>
        {withPhotos ? (
          <button className="button secondary" type="submit" name="intent" value="upload">
            {t('return.reasons.upload')}
          </button>
        ) : null}
      </div>
    </Form>
  )
}

function OutcomeStep({ t, f, view, errors, token }: StepProps) {
  const d = view.decision
  if (!d) return null
  const params: Record<string, string | number> = {}
  if (typeof d.message.params.deliveredAt === 'string')
    params.deliveredAt = f.dateTime(d.message.params.deliveredAt)
  if (typeof d.message.params.supportAfter === 'string')
    params.supportAfter = f.dateTime(d.message.params.supportAfter)
  const parcel = view.parcels.find((p) => p.id === view.answers.shipmentId) ?? view.parcels[0]
  if (parcel) params.carrier = parcel.carrierName
  const text = t(`outcome.${d.message.key}` as MessageKey, params)
  if (d.next === 'ask_neighbours' || d.next === 'in_transit_on_time' || d.next === 'not_shipped_yet') {
    return (
      <div data-testid="problem-outcome" data-next={d.next}>
        <div className="alert info">
          <p>{text}</p>
        </div>
        <p>
          <a className="button secondary" href={`/track/${token}`}>
            {t('wizard.backToOrder', { number: view.orderNumber })}
          </a>
        </p>
      </div>
    )
  }
  return (
    <Form method="post" noValidate data-testid="problem-outcome" data-next={d.next}>
      <input type="hidden" name="draftId" value={view.draftId ?? ''} />
      <div className={d.next === 'offer_remedies' ? 'alert info' : 'alert'}>
        <p>{text}</p>
      </div>
      {d.next === 'offer_remedies' ? (
        <fieldset className="plain" id={fieldId('remedy')}>
          <legend className="step-legend">{t('problem.outcome.pickRemedy')}</legend>
          <ul className="choice-list">
            {d.remedies.map((r) => (
              <li key={r}>
                <label className="choice" data-testid={`remedy-${r}`}>
                  <input
                    type="radio"
                    name="remedy"
                    value={r}
                    aria-invalid={errors.remedy ? 'true' : undefined}
                  />
                  <span>
                    <strong>
                      {t(`remedy.${r}` as MessageKey)}
                      {r === 'refund' ? ` · ${f.money(d.valueMinor, view.currency)}` : ''}
                      {r === 'coupon' && d.couponMinor !== null
                        ? ` · ${f.money(d.couponMinor, view.currency)}`
                        : ''}
                    </strong>
                    <span className="muted small block">{t(`remedy.${r}.hint` as MessageKey)}</span>
                  </span>
                </label>
              </li>
            ))}
          </ul>
          <FieldError t={t} name="remedy" errors={errors} />
          <p className="muted small">
            {t(d.autoApprove ? 'problem.outcome.autoApproved' : 'problem.outcome.staffApprove')}
            {d.returnItems ? ` ${t('problem.outcome.returnItems')}` : ''}
          </p>
        </fieldset>
      ) : null}
      {d.next === 'to_support' && !view.answers.note ? (
        <div className="field">
          <label htmlFor={fieldId('note')}>
            {t(d.requires.note ? 'problem.details.noteRequired' : 'problem.details.note')}
          </label>
          <textarea name="note" rows={3} maxLength={2000} {...invalidProps('note', errors)} />
          <FieldError t={t} name="note" errors={errors} />
        </div>
      ) : null}
      <div className="actions">
        <button className="button" type="submit" data-testid="submit-problem">
          {t(d.next === 'offer_remedies' ? 'problem.outcome.submit' : 'problem.outcome.toSupport')}
        </button>
      </div>
    </Form>
  )
}
