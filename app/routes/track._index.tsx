import {
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { BuyerShell } from '#app/components/buyer-shell'
import { RateLimitedPage } from '#app/components/rate-limited'
import { validTimeZone } from '#app/i18n/locales'
import { createT, type MessageKey } from '#app/i18n/t'
import { en } from '#app/i18n/messages/en'
import { getBuyerContext, readCookie, TZ_COOKIE } from '#app/services/buyer/buyer-context.server'
import { readBuyerSession, rememberBuyerOrder } from '#app/services/buyer/buyer-session.server'
import { LookupFormSchema } from '#app/services/buyer/lookup.schema'
import { lookupOrder } from '#app/services/buyer/lookup-order.server'
import { bufferedJson } from '#app/http/buffered-response.server'

export const handle = { hydrate: false }

export async function loader({ request }: LoaderFunctionArgs) {
  const { shop, locale, setLangCookie } = await getBuyerContext(request)
  const buyer = await readBuyerSession(request, new Date())
  const headers = new Headers({ 'Cache-Control': 'private, no-store' })
  if (setLangCookie) headers.append('Set-Cookie', setLangCookie)
  if (buyer.setCookie) headers.append('Set-Cookie', buyer.setCookie)
  return bufferedJson(
    { locale, shopName: shop.name, brandColor: shop.brandColor, flash: buyer.flash, current: buyer.current },
    { headers },
  )
}

type FieldName = 'orderNumber' | 'email' | 'postalCode'
interface ActionData {
  formError?: MessageKey
  fieldErrors?: Partial<Record<FieldName, MessageKey>>
  values?: Partial<Record<FieldName, string>>
  rateLimitedUntil?: string
  /** When the refusal was answered: the page counts "in 12 minutes" from here. */
  rateLimitedAt?: string
  /** The zone the clock time is shown in: the buyer's (from their browser's cookie) or UTC, named. */
  timeZone?: string
}

const asKey = (m: string): MessageKey => (m in en ? (m as MessageKey) : 'lookup.error.formProblem')

export async function action({ request, context }: ActionFunctionArgs) {
  const { shop } = await getBuyerContext(request)
  const form = await request.formData()
  const raw: Record<string, string> = {}
  for (const [k, v] of form) {
    if (typeof v === 'string') raw[k] = v
    else return bufferedJson<ActionData>({ formError: 'lookup.error.unexpectedField' }, { status: 400 })
  }
  // Empty optional fields mean "not given".
  for (const k of ['email', 'postalCode'] as const)
    if (raw[k] !== undefined && raw[k]!.trim() === '') delete raw[k]
  const values = {
    orderNumber: raw.orderNumber?.slice(0, 40),
    email: raw.email?.slice(0, 254),
    postalCode: raw.postalCode?.slice(0, 20),
  }

  const parsed = LookupFormSchema.safeParse(raw)
  if (!parsed.success) {
    const fieldErrors: ActionData['fieldErrors'] = {}
    let formError: MessageKey | undefined
    for (const issue of parsed.error.issues) {
      const field = issue.path[0]
      if (field === 'orderNumber' || field === 'email' || field === 'postalCode')
        fieldErrors[field] ??= asKey(issue.message)
      else formError ??= asKey(issue.message)
    }
    return bufferedJson<ActionData>(
      { fieldErrors, formError: formError ?? 'lookup.error.formProblem', values },
      { status: 400 },
    )
  }

  const clientIp = (context as { clientIp?: string }).clientIp ?? 'unknown'
  const now = new Date()
  const result = await lookupOrder({ ...parsed.data, shopId: shop.id, clientIp, now })
  if (!result.ok) {
    if (result.code === 'rate_limited') {
      return bufferedJson<ActionData>(
        {
          rateLimitedUntil: result.retryAt.toISOString(),
          rateLimitedAt: now.toISOString(),
          timeZone: validTimeZone(readCookie(request, TZ_COOKIE)) ?? 'UTC',
        },
        {
          status: 429,
          headers: { 'Retry-After': String(Math.ceil((result.retryAt.getTime() - now.getTime()) / 1000)) },
        },
      )
    }
    return bufferedJson<ActionData>({ formError: 'lookup.error.notFound', values }, { status: 422 })
  }
  return redirect(`/track/${result.token}`, {
    headers: { 'Set-Cookie': await rememberBuyerOrder(request, result.token, parsed.data.orderNumber) },
  })
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${createT(data.locale)('meta.title.lookup')} · ${data.shopName}` : 'Homebound' },
]

export default function LookupRoute() {
  const { locale, shopName, brandColor, flash, current } = useLoaderData<typeof loader>()
  const actionData = useActionData<ActionData>()
  const t = createT(locale)

  if (actionData?.rateLimitedUntil) {
    return (
      <RateLimitedPage
        locale={locale}
        shopName={shopName}
        brandColor={brandColor}
        until={actionData.rateLimitedUntil}
        now={actionData.rateLimitedAt ?? new Date().toISOString()}
        timeZone={actionData.timeZone ?? 'UTC'}
      />
    )
  }

  const errors = actionData?.fieldErrors ?? {}
  const values = actionData?.values ?? {}
  const message = actionData?.formError ?? (flash === 'badToken' ? 'lookup.error.badToken' : undefined)
  const postalOpen = Boolean(values.postalCode || errors.postalCode)
  const fieldProps = (name: FieldName) => ({
    id: name,
    name,
    defaultValue: values[name] ?? '',
    'aria-invalid': errors[name] ? ('true' as const) : undefined,
    'aria-describedby':
      [`${name}-hint`, errors[name] ? `${name}-error` : ''].filter(Boolean).join(' ') || undefined,
  })

  return (
    <BuyerShell t={t} locale={locale} shopName={shopName} brandColor={brandColor} path="/track" narrow>
      <div className="card">
        <h1>{t('lookup.heading')}</h1>
        <p className="muted">{t('lookup.intro')}</p>
        {message ? (
          <div className="alert error" role="alert" data-testid="lookup-error">
            {t(message)}
          </div>
        ) : null}
        {current && !message ? (
          <p className="alert info">
            <a href={`/track/${current.token}`}>{t('lookup.continue', { number: current.order })}</a>
          </p>
        ) : null}
        <Form method="post" action={`/track?index&lang=${locale}`} noValidate data-testid="lookup-form">
          <div className="field">
            <label htmlFor="orderNumber">{t('lookup.orderNumber')}</label>
            <span className="hint" id="orderNumber-hint">
              {t('lookup.orderNumberHint')}
            </span>
            <input
              {...fieldProps('orderNumber')}
              inputMode="text"
              autoComplete="off"
              required
              maxLength={20}
            />
            {errors.orderNumber ? (
              <p className="error" id="orderNumber-error">
                {t(errors.orderNumber)}
              </p>
            ) : null}
          </div>
          <div className="field">
            <label htmlFor="email">{t('lookup.email')}</label>
            <span className="hint visually-hidden" id="email-hint">
              {t('lookup.email')}
            </span>
            <input {...fieldProps('email')} type="email" autoComplete="email" maxLength={254} />
            {errors.email ? (
              <p className="error" id="email-error">
                {t(errors.email)}
              </p>
            ) : null}
          </div>
          <details className="alt" open={postalOpen}>
            <summary>{t('lookup.usePostalCode')}</summary>
            <div className="field">
              <label htmlFor="postalCode">{t('lookup.postalCode')}</label>
              <span className="hint" id="postalCode-hint">
                {t('lookup.postalCodeHint')}
              </span>
              <input {...fieldProps('postalCode')} autoComplete="postal-code" maxLength={16} />
              {errors.postalCode ? (
                <p className="error" id="postalCode-error">
                  {t(errors.postalCode)}
                </p>
              ) : null}
            </div>
          </details>
          <button className="button block" type="submit">
            {t('lookup.submit')}
          </button>
        </Form>
      </div>
    </BuyerShell>
  )
}
