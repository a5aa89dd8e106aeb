import { type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { BuyerShell } from '#app/components/buyer-shell'
import { bufferedJson } from '#app/http/buffered-response.server'
import { createT } from '#app/i18n/t'
import { getBuyerContext } from '#app/services/buyer/buyer-context.server'

export const handle = { hydrate: false }

export async function loader({ request }: LoaderFunctionArgs) {
  const { shop, locale, setLangCookie } = await getBuyerContext(request)
  return bufferedJson(
    { locale, shopName: shop.name, brandColor: shop.brandColor },
    { headers: setLangCookie ? { 'Set-Cookie': setLangCookie } : {} },
  )
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${createT(data.locale)('meta.title.help')} · ${data.shopName}` : 'Homebound' },
]

export default function HelpRoute() {
  const { locale, shopName, brandColor } = useLoaderData<typeof loader>()
  const t = createT(locale)
  return (
    <BuyerShell t={t} locale={locale} shopName={shopName} brandColor={brandColor} path="/track/help" narrow>
      <div className="card">
        <h1>{t('help.heading')}</h1>
        <p>{t('help.p1')}</p>
        <p>{t('help.p2')}</p>
        <p>{t('help.p3')}</p>
        <p>
          <a className="button" href="/track">
            {t('help.back')}
          </a>
        </p>
      </div>
    </BuyerShell>
  )
}
