// Calling Remix loaders and actions directly: build the Request the browser would send, pass the load
// context server.ts would build (client IP, request id), and always get a Response back, whether the
// route returned it or threw it (redirects and 4xx responses are thrown by guards).
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'

export const DEFAULT_IP = '203.0.113.5'

export interface RequestOptions {
  /** A Cookie header value, e.g. from cookieFrom(previousResponse). */
  cookie?: string | null
  /** The client IP server.ts would put in the load context. */
  ip?: string
  headers?: Record<string, string>
}

// The IP belongs to the load context, not to the Request; remember it per request for callAction/callLoader.
const ips = new WeakMap<Request, string>()

function headersFor(options: RequestOptions): Headers {
  const headers = new Headers(options.headers)
  if (options.cookie) headers.set('Cookie', options.cookie)
  return headers
}

export function getRequest(url: string, options: RequestOptions = {}): Request {
  const request = new Request(url, { headers: headersFor(options) })
  if (options.ip) ips.set(request, options.ip)
  return request
}

/** A urlencoded form POST, as a plain HTML form sends it. */
export function formRequest(
  url: string,
  fields: Record<string, string>,
  options: RequestOptions = {},
): Request {
  const headers = headersFor(options)
  headers.set('Content-Type', 'application/x-www-form-urlencoded')
  const request = new Request(url, { method: 'POST', headers, body: new URLSearchParams(fields).toString() })
  if (options.ip) ips.set(request, options.ip)
  return request
}

export function loadContext(request: Request) {
  return { clientIp: ips.get(request) ?? DEFAULT_IP, requestId: 'test' }
}

async function asResponse(run: () => unknown): Promise<Response> {
  let result: unknown
  try {
    result = await run()
  } catch (thrown) {
    if (thrown instanceof Response) return thrown
    throw thrown
  }
  if (!(result instanceof Response))
    throw new Error(`Expected the route to return a Response, got ${typeof result}`)
  return result
}

export function callLoader(
  loader: (args: LoaderFunctionArgs) => unknown,
  request: Request,
  params: Record<string, string> = {},
): Promise<Response> {
  return asResponse(() => loader({ request, params, context: loadContext(request) }))
}

export function callAction(
  action: (args: ActionFunctionArgs) => unknown,
  request: Request,
  params: Record<string, string> = {},
): Promise<Response> {
  return asResponse(() => action({ request, params, context: loadContext(request) }))
}

/**
 * The Cookie header a browser would send next, from a response's Set-Cookie headers, on top of the
 * cookies it already had (`previous`). A cookie the response expires is dropped.
 */
export function cookieFrom(response: Response, previous: string | null = null): string {
  const jar = new Map<string, string>()
  for (const part of (previous ?? '').split(';')) {
    const [name, ...value] = part.trim().split('=')
    if (name) jar.set(name, value.join('='))
  }
  for (const header of response.headers.getSetCookie()) {
    const [pair, ...attributes] = header.split(';')
    const [name, ...value] = pair!.trim().split('=')
    if (!name) continue
    const expired = attributes.some((a) => {
      const [k, v] = a.trim().split('=')
      if (k?.toLowerCase() === 'max-age') return Number(v) <= 0
      if (k?.toLowerCase() === 'expires') return new Date(v ?? '').getTime() <= Date.now()
      return false
    })
    if (expired) jar.delete(name)
    else jar.set(name, value.join('='))
  }
  return [...jar].map(([name, value]) => `${name}=${value}`).join('; ')
}

/** The URL of `path` on a shop's portal host, so resolveShop picks that shop. */
export function shopUrl(shop: { portalHost: string | null }, path: string): string {
  if (!shop.portalHost) throw new Error('This shop has no portal host')
  return `http://${shop.portalHost}${path}`
}
