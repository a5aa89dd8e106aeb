// Pages go from Node's HTTP server straight to Remix. @remix-run/express ran every page through Express's
// router, the compression middleware's stream wrappers and a chunked body written in two syscalls, which
// together cost about as much as rendering the buyer's order page. Here a request becomes a Fetch Request
// once, and a response whose body is in memory (pages: BufferedResponse) or fits in one read (labels,
// images) leaves in one write with its Content-Length, gzip-compressed when the client accepts it.
// Express still serves static files.
import type { IncomingMessage, ServerResponse } from 'node:http'
import { gzipSync } from 'node:zlib'
import {
  createReadableStreamFromReadable,
  createRequestHandler as createRemixHandler,
  type AppLoadContext,
  type ServerBuild,
} from '@remix-run/node'
import proxyAddr from 'proxy-addr'
import { bufferedContent } from './buffered-response.server'

/** Proxies on the loopback interface may tell us the client's address, scheme and host (Express' 'loopback'). */
const trustLoopback = proxyAddr.compile('loopback')

const COMPRESSIBLE = /^(text\/|application\/(json|javascript|xml)|image\/svg\+xml)/i
const MIN_GZIP_BYTES = 1024

export function createNodeRequestHandler(options: {
  build: ServerBuild | (() => Promise<ServerBuild>)
  mode?: string
  getLoadContext: (req: IncomingMessage) => AppLoadContext
  onError: (error: unknown, req: IncomingMessage) => void
}) {
  return serveFetch(createRemixHandler(options.build, options.mode), options)
}

/** Serves a Fetch-style handler (Request in, Response out) on Node's request and response. */
export function serveFetch(
  handle: (request: Request, context: AppLoadContext) => Promise<Response>,
  options: {
    getLoadContext: (req: IncomingMessage) => AppLoadContext
    onError: (error: unknown, req: IncomingMessage) => void
  },
) {
  return async (req: IncomingMessage, res: ServerResponse) => {
    try {
      const controller = new AbortController()
      // Loaders and actions are aborted when the client goes away before the answer is written.
      res.on('close', () => {
        if (!res.writableFinished) controller.abort()
      })
      const request = toFetchRequest(req, controller.signal)
      const response = await handle(request, options.getLoadContext(req))
      await send(req, res, response)
    } catch (error) {
      options.onError(error, req)
      if (!res.headersSent) {
        res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' })
        res.end('Something went wrong on our side. Please try again in a moment.')
      } else {
        res.destroy()
      }
    }
  }
}

/** The client's address: the socket's, or the one a loopback proxy forwarded (X-Forwarded-For). */
export function clientIp(req: IncomingMessage): string {
  return proxyAddr(req, trustLoopback) || 'unknown'
}

function fromTrustedProxy(req: IncomingMessage): boolean {
  const remote = req.socket.remoteAddress
  return Boolean(remote) && trustLoopback(remote!, 0)
}

function firstHeaderValue(value: string | string[] | undefined): string | undefined {
  const v = Array.isArray(value) ? value[0] : value
  return v?.split(',')[0]?.trim() || undefined
}

export function toFetchRequest(req: IncomingMessage, signal: AbortSignal): Request {
  const trusted = fromTrustedProxy(req)
  const proto =
    (trusted && firstHeaderValue(req.headers['x-forwarded-proto'])) ||
    ((req.socket as { encrypted?: boolean }).encrypted ? 'https' : 'http')
  const host =
    (trusted && firstHeaderValue(req.headers['x-forwarded-host'])) || req.headers.host || 'localhost'
  const headers = new Headers()
  const raw = req.rawHeaders
  for (let i = 0; i < raw.length; i += 2) headers.append(raw[i]!, raw[i + 1]!)
  const method = req.method ?? 'GET'
  const init: RequestInit & { duplex?: 'half' } = { method, headers, signal }
  if (method !== 'GET' && method !== 'HEAD') {
    init.body = createReadableStreamFromReadable(req)
    init.duplex = 'half'
  }
  return new Request(`${proto}://${host}${req.url ?? '/'}`, init)
}

async function send(req: IncomingMessage, res: ServerResponse, response: Response) {
  res.statusCode = response.status
  if (response.statusText) res.statusMessage = response.statusText
  for (const [key, value] of response.headers) {
    if (key === 'set-cookie') continue
    res.setHeader(key, value)
  }
  const cookies = response.headers.getSetCookie()
  if (cookies.length) res.setHeader('Set-Cookie', cookies)
  const buffered = bufferedContent(response)
  if (buffered !== undefined) {
    // A page or loader data already in memory: no stream to read.
    writeWhole(req, res, Buffer.from(buffered))
    return
  }
  if (!response.body) {
    res.end()
    return
  }
  const reader = response.body.getReader()
  const first = await reader.read()
  const second = first.done ? first : await reader.read()
  if (second.done) {
    // The whole body came in one piece (labels, images): one write, with its length.
    writeWhole(req, res, first.done ? Buffer.alloc(0) : Buffer.from(first.value))
    return
  }
  // A real stream: pass it on as it comes.
  res.removeHeader('Content-Length')
  res.write(first.value)
  res.write(second.value)
  for (;;) {
    const next = await reader.read()
    if (next.done) break
    if (!res.write(next.value)) {
      await new Promise((resolve) => {
        res.once('drain', resolve)
        res.once('close', resolve)
      })
      if (res.destroyed) {
        await reader.cancel()
        return
      }
    }
  }
  res.end()
}

function writeWhole(req: IncomingMessage, res: ServerResponse, body: Buffer) {
  if (shouldGzip(req, res, body.length)) {
    body = gzipSync(body, { level: 1 })
    res.setHeader('Content-Encoding', 'gzip')
  }
  res.setHeader('Content-Length', body.length)
  res.end(body)
}

function shouldGzip(req: IncomingMessage, res: ServerResponse, length: number): boolean {
  if (length < MIN_GZIP_BYTES || res.hasHeader('Content-Encoding')) return false
  const type = res.getHeader('Content-Type')
  if (typeof type !== 'string' || !COMPRESSIBLE.test(type)) return false
  res.appendHeader('Vary', 'Accept-Encoding')
  const accepted = req.headers['accept-encoding']
  return typeof accepted === 'string' && /\bgzip\b/i.test(accepted)
}
