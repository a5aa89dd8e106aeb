// Server rendering to a single string. No route uses `defer`, and buyer pages carry no client script,
// so there is nothing to stream; building the HTML in one piece avoids pushing every chunk through
// React's stream, a Node stream and a web stream, which cost more than rendering the tracking page.
// The HTML stays a string in a BufferedResponse: the server writes it to the socket as it is.
import type { AppLoadContext, EntryContext } from '@remix-run/node'
import { RemixServer } from '@remix-run/react'
import { renderToString } from 'react-dom/server'
import { BufferedResponse } from '#app/http/buffered-response.server'

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  _loadContext: AppLoadContext,
) {
  const html = renderToString(<RemixServer context={remixContext} url={request.url} />)
  responseHeaders.set('Content-Type', 'text/html; charset=utf-8')
  if (!responseHeaders.has('X-Content-Type-Options')) responseHeaders.set('X-Content-Type-Options', 'nosniff')
  if (!responseHeaders.has('Referrer-Policy')) responseHeaders.set('Referrer-Policy', 'same-origin')
  return new BufferedResponse(
    { text: `<!DOCTYPE html>${html}` },
    { headers: responseHeaders, status: responseStatusCode },
  )
}
