// Server rendering to a single string. No route uses `defer`, and buyer pages carry no client script,
// so there is nothing to stream; building the HTML in one piece avoids pushing every chunk through
// React's stream, a Node stream and a web stream, which cost more than rendering the tracking page.
// The HTML stays a string in a BufferedResponse: the server writes it to the socket as it is.
// A page without scripts needs no hand-off of its loader data to the browser (every loader's data as
// escaped JSON): Remix makes it when it is first read (app/patches), so such pages give RemixServer an
// empty one instead.
import type { AppLoadContext, EntryContext } from '@remix-run/node'
import { RemixServer } from '@remix-run/react'
import { renderToString } from 'react-dom/server'
import { BufferedResponse } from '#app/http/buffered-response.server'
import { pageHydrates } from '#app/http/hydration'

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  _loadContext: AppLoadContext,
) {
  const html = renderToString(<RemixServer context={withoutUnusedHandoff(remixContext)} url={request.url} />)
  responseHeaders.set('Content-Type', 'text/html; charset=utf-8')
  if (!responseHeaders.has('X-Content-Type-Options')) responseHeaders.set('X-Content-Type-Options', 'nosniff')
  if (!responseHeaders.has('Referrer-Policy')) responseHeaders.set('Referrer-Policy', 'same-origin')
  return new BufferedResponse(
    { text: `<!DOCTYPE html>${html}` },
    { headers: responseHeaders, status: responseStatusCode },
  )
}

function withoutUnusedHandoff(context: EntryContext): EntryContext {
  const handles = context.staticHandlerContext.matches.map((m) => context.routeModules[m.route.id]?.handle)
  if (pageHydrates(handles)) return context
  // A view of the context with its own (empty) hand-off; everything else is the context itself.
  return Object.create(context, { serverHandoffString: { value: '' } }) as EntryContext
}
