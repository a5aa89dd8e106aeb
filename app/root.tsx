import type { LinksFunction } from '@remix-run/node'
import {
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  isRouteErrorResponse,
  useMatches,
  useRouteError,
} from '@remix-run/react'
import type { ReactNode } from 'react'
import stylesheet from './styles/app.css'

export const links: LinksFunction = () => [
  { rel: 'stylesheet', href: stylesheet },
  { rel: 'icon', href: '/favicon.svg', type: 'image/svg+xml' },
]

/** Route modules opt out of client JavaScript with `handle = { hydrate: false }` (all buyer pages do). */
export interface RouteHandle {
  hydrate?: boolean
}

// The buyer's time zone, remembered for the next page (the first page uses the delivery address's zone).
const TZ_SCRIPT = `try{var z=Intl.DateTimeFormat().resolvedOptions().timeZone;if(z&&document.cookie.indexOf('hb_tz='+encodeURIComponent(z))<0)document.cookie='hb_tz='+encodeURIComponent(z)+';path=/;max-age=31536000;samesite=lax'}catch(e){}`

export function Layout({ children }: { children: ReactNode }) {
  const matches = useMatches()
  const hydrate = !matches.some((m) => (m.handle as RouteHandle | undefined)?.hydrate === false)
  const leaf = matches[matches.length - 1]?.data as { locale?: string } | undefined
  return (
    <html lang={leaf?.locale ?? 'en'}>
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
  const status = isRouteErrorResponse(error) ? error.status : 500
  const message = isRouteErrorResponse(error)
    ? typeof error.data === 'string' && error.data
      ? error.data
      : error.statusText
    : 'Something went wrong on our side. Please try again in a moment.'
  return (
    <main className="page narrow" id="main">
      <div className="card">
        <h1>
          {status === 404 ? 'Not found' : status >= 500 ? 'Sorry, something went wrong' : 'Request problem'}
        </h1>
        <p>{message}</p>
        <p>
          <a href="/track">Go to order tracking</a>
        </p>
      </div>
    </main>
  )
}
