import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import {
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  isRouteErrorResponse,
  useMatches,
  useRouteError,
  useRouteLoaderData,
} from '@remix-run/react'
import type { ReactNode } from 'react'
import { bufferedJson } from './http/buffered-response.server'
import { pageHydrates } from './http/hydration'
import { resolveLocale, type Locale } from './i18n/locales'
import { createT } from './i18n/t'
import stylesheet from './styles/app.css'

export const links: LinksFunction = () => [
  { rel: 'stylesheet', href: stylesheet },
  { rel: 'icon', href: '/favicon.svg', type: 'image/svg+xml' },
]

/**
 * The language for pages that have none of their own, such as error pages: ?lang=, the remembered
 * choice, then the browser's. No database: it runs on every request.
 */
export function loader({ request }: LoaderFunctionArgs) {
  const cookie = /(?:^|;\s*)hb_lang=([a-z]{2})/.exec(request.headers.get('Cookie') ?? '')?.[1]
  const locale = resolveLocale({
    queryLang: new URL(request.url).searchParams.get('lang'),
    cookieLang: cookie,
    acceptLanguage: request.headers.get('Accept-Language'),
    shopDefault: 'en',
  })
  return bufferedJson({ locale })
}

/** The title for pages without their own, such as error pages (routes with a meta export set theirs). */
export const meta: MetaFunction<typeof loader> = ({ data, error }) => {
  const t = createT(data?.locale ?? 'en')
  if (!error) return [{ title: 'Homebound' }]
  const status = isRouteErrorResponse(error) ? error.status : 500
  const title =
    status === 404
      ? t('error.notFound.title')
      : status >= 500
        ? t('error.server.title')
        : t('error.request.title')
  return [{ title }]
}

export type { RouteHandle } from './http/hydration'

// The buyer's time zone, remembered for the next page (the first page uses the delivery address's zone).
const TZ_SCRIPT = `try{var z=Intl.DateTimeFormat().resolvedOptions().timeZone;if(z&&document.cookie.indexOf('hb_tz='+encodeURIComponent(z))<0)document.cookie='hb_tz='+encodeURIComponent(z)+';path=/;max-age=31536000;samesite=lax'}catch(e){}`

export function Layout({ children }: { children: ReactNode }) {
  const matches = useMatches()
  const hydrate = pageHydrates(matches.map((m) => m.handle))
  const leaf = matches[matches.length - 1]?.data as { locale?: string } | undefined
  const rootData = useRouteLoaderData<typeof loader>('root')
  return (
    <html lang={leaf?.locale ?? rootData?.locale ?? 'en'}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        {children}
        {hydrate ? (
          <>
            <ScrollRestoration />
            <Scripts />
          </>
        ) : (
          <script dangerouslySetInnerHTML={{ __html: TZ_SCRIPT }} />
        )}
      </body>
    </html>
  )
}

export default function App() {
  return <Outlet />
}

export function ErrorBoundary() {
  const error = useRouteError()
  const locale: Locale = useRouteLoaderData<typeof loader>('root')?.locale ?? 'en'
  const t = createT(locale)
  const status = isRouteErrorResponse(error) ? error.status : 500
  // Messages written for staff (e.g. a 403 explaining roles) are shown as they are; others are ours.
  const detail =
    isRouteErrorResponse(error) && typeof error.data === 'string' && error.data ? error.data : null
  const title =
    status === 404
      ? t('error.notFound.title')
      : status >= 500
        ? t('error.server.title')
        : t('error.request.title')
  const body =
    status === 404
      ? t('error.notFound.body')
      : status >= 500
        ? t('error.server.body')
        : (detail ?? t('error.request.body'))
  return (
    <main className="page narrow" id="main">
      <div className="card">
        <h1>{title}</h1>
        <p>{body}</p>
        <p>
          <a href="/track">{t('error.back')}</a>
        </p>
      </div>
    </main>
  )
}
