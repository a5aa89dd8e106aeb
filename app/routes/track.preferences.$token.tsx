import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { BuyerShell } from '#app/components/buyer-shell'
import { createT } from '#app/i18n/t'
import { getBuyerContext } from '#app/services/buyer/buyer-context.server'
import { getPreferences, savePreferences } from '#app/services/mail/preferences.server'
import { bufferedJson } from '#app/http/buffered-response.server'

export const handle = { hydrate: false }

const headers = { 'Cache-Control': 'private, no-store', 'X-Robots-Tag': 'noindex' }

// A normal form post sends `deliveryUpdates=on` (or nothing when unticked) and `intent=save`; a mail
// client's one-click unsubscribe (RFC 8058) posts exactly `List-Unsubscribe=One-Click`.
const FormSchema = z.union([
  z.object({ 'List-Unsubscribe': z.literal('One-Click') }).strict(),
  z.object({ intent: z.literal('save'), deliveryUpdates: z.literal('on').optional() }).strict(),
])

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { locale, setLangCookie } = await getBuyerContext(request)
  const view = await getPreferences({ token: params.token ?? '' })
  const h = new Headers(headers)
  if (setLangCookie) h.append('Set-Cookie', setLangCookie)
  return bufferedJson(
    { locale, view, path: new URL(request.url).pathname },
    { status: view ? 200 : 404, headers: h },
  )
}

export async function action({ request, params }: ActionFunctionArgs) {
  const parsed = FormSchema.safeParse(Object.fromEntries(await request.formData()))
  if (!parsed.success) {
    return bufferedJson(
      { error: 'The form sent fields this page does not know.' as const, saved: null },
      { status: 400, headers },
    )
  }
  const deliveryUpdates = 'intent' in parsed.data ? parsed.data.deliveryUpdates === 'on' : false
  const ok = await savePreferences({ token: params.token ?? '', deliveryUpdates, now: new Date() })
  if (!ok) return bufferedJson({ error: 'badLink' as const, saved: null }, { status: 404, headers })
  return bufferedJson({ error: null, saved: deliveryUpdates }, { headers })
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? createT(data.locale)('prefs.title') : 'Homebound' },
  { name: 'robots', content: 'noindex' },
]

export default function PreferencesRoute() {
  const { locale, view, path } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const t = createT(locale)
  return (
    <BuyerShell
      t={t}
      locale={locale}
      shopName={view?.shop.name ?? 'Homebound'}
      brandColor={view?.shop.brandColor ?? '#1f6f5c'}
      path={path}
      narrow
    >
      <div className="card">
        <h1>{t('prefs.title')}</h1>
        {!view || result?.error === 'badLink' ? (
          <p className="error">{t('prefs.badLink')}</p>
        ) : (
          <>
            <p>{t('prefs.intro', { shop: view.shop.name, email: view.email })}</p>
            {result?.saved != null ? (
              <p role="status" className="summary">
                {t('prefs.saved', { state: t(result.saved ? 'prefs.on' : 'prefs.off') })}
              </p>
            ) : null}
            {result?.error ? <p className="error">{result.error}</p> : null}
            <Form method="post">
              <input type="hidden" name="intent" value="save" />
              <div className="check-field">
                <label className="check" htmlFor="deliveryUpdates">
                  <input
                    type="checkbox"
                    id="deliveryUpdates"
                    name="deliveryUpdates"
                    defaultChecked={result?.saved ?? view.deliveryUpdates}
                    aria-describedby="deliveryUpdates-hint"
                  />
                  <span>{t('prefs.deliveryUpdates')}</span>
                </label>
                <span className="hint" id="deliveryUpdates-hint">
                  {t('prefs.deliveryHint')}
                </span>
              </div>
              <p className="muted small">{t('prefs.always')}</p>
              <button type="submit">{t('prefs.save')}</button>
            </Form>
          </>
        )}
      </div>
    </BuyerShell>
  )
}
