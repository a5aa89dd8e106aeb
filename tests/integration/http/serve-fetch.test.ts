// The Node side of every page: app/http/remix-handler.server.ts turns Node's request into a Fetch
// Request and writes the Response back. Driven over real sockets with a real HTTP client.
import { createServer, request as httpRequest, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { gunzipSync } from 'node:zlib'
import { afterEach, describe, expect, it } from 'vitest'
import { BufferedResponse, bufferedJson } from '#app/http/buffered-response.server'
import { clientIp, serveFetch } from '#app/http/remix-handler.server'

let server: Server | undefined
afterEach(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()))
  server?.closeAllConnections()
  server = undefined
})

async function serve(
  handle: (request: Request, context: { clientIp: string }) => Promise<Response>,
  onError: (error: unknown) => void = () => undefined,
): Promise<string> {
  const node = serveFetch(handle as never, {
    getLoadContext: (req) => ({ clientIp: clientIp(req) }),
    onError,
  })
  server = createServer((req, res) => void node(req, res))
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve))
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`
}

/** A raw GET, so the test sees the bytes and headers as sent (fetch would decompress for us). */
function get(url: string, headers: Record<string, string> = {}) {
  return new Promise<{
    status: number
    headers: Record<string, string | string[] | undefined>
    body: Buffer
  }>((resolve, reject) => {
    const req = httpRequest(url, { headers }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () =>
        resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }),
      )
    })
    req.on('error', reject)
    req.end()
  })
}

const page = '<!DOCTYPE html><p>' + 'Your parcel is on its way. '.repeat(80) + '</p>'

describe('serving pages from Node', () => {
  it('writes a one-piece page with its length, gzip-compressed only when the client accepts it', async () => {
    const base = await serve(
      async () => new Response(page, { headers: { 'Content-Type': 'text/html; charset=utf-8' } }),
    )
    const plain = await get(`${base}/track/help`)
    expect(plain.status).toBe(200)
    expect(plain.headers['content-length']).toBe(String(Buffer.byteLength(page)))
    expect(plain.headers['transfer-encoding']).toBeUndefined()
    expect(plain.headers.vary).toBe('Accept-Encoding')
    expect(plain.body.toString()).toBe(page)

    const zipped = await get(`${base}/track/help`, { 'Accept-Encoding': 'br, gzip' })
    expect(zipped.headers['content-encoding']).toBe('gzip')
    expect(Number(zipped.headers['content-length'])).toBe(zipped.body.length)
    expect(zipped.body.length).toBeLessThan(Buffer.byteLength(page) / 4)
    expect(gunzipSync(zipped.body).toString()).toBe(page)
  })

  it('writes pages and loader data held in memory (BufferedResponse) the same way', async () => {
    const base = await serve(async (request) =>
      new URL(request.url).pathname === '/other-copy'
        ? Object.assign(new Response(null), {
            [Symbol.for('homebound.buffered-response')]: { text: 'from the build' },
          })
        : new URL(request.url).pathname === '/data'
          ? bufferedJson({ parcels: [{ status: 'in_transit' }] })
          : new BufferedResponse({ text: page }, { headers: { 'Content-Type': 'text/html; charset=utf-8' } }),
    )
    const html = await get(`${base}/track/abc`, { 'Accept-Encoding': 'gzip' })
    expect(html.headers['content-encoding']).toBe('gzip')
    expect(gunzipSync(html.body).toString()).toBe(page)
    const data = await get(`${base}/data`)
    // The Remix build bundles its own copy of BufferedResponse: recognised by its symbol, not its class.
    const fromBuild = await get(`${base}/other-copy`)
    expect(fromBuild.body.toString()).toBe('from the build')
    expect(data.headers['content-type']).toBe('application/json; charset=utf-8')
    expect(data.headers['content-length']).toBe(String(data.body.length))
    expect(JSON.parse(data.body.toString())).toEqual({ parcels: [{ status: 'in_transit' }] })
  })

  it('leaves small bodies and binary files as they are', async () => {
    const pdf = Buffer.from('%PDF-1.7 ' + 'x'.repeat(4000))
    const base = await serve(async (request) =>
      new URL(request.url).pathname.endsWith('.pdf')
        ? new Response(pdf, { headers: { 'Content-Type': 'application/pdf' } })
        : new Response('ok', { headers: { 'Content-Type': 'text/plain' } }),
    )
    const label = await get(`${base}/label.pdf`, { 'Accept-Encoding': 'gzip' })
    expect(label.headers['content-encoding']).toBeUndefined()
    expect(label.body.equals(pdf)).toBe(true)
    const small = await get(`${base}/small`, { 'Accept-Encoding': 'gzip' })
    expect(small.headers['content-encoding']).toBeUndefined()
    expect(small.body.toString()).toBe('ok')
  })

  it('passes a streamed body on chunk by chunk', async () => {
    const base = await serve(async () => {
      const encoder = new TextEncoder()
      const body = new ReadableStream<Uint8Array>({
        async start(controller) {
          for (const part of ['one ', 'two ', 'three']) {
            controller.enqueue(encoder.encode(part))
            await new Promise((resolve) => setTimeout(resolve, 5))
          }
          controller.close()
        },
      })
      return new Response(body, { headers: { 'Content-Type': 'text/plain' } })
    })
    const res = await get(`${base}/stream`)
    expect(res.headers['transfer-encoding']).toBe('chunked')
    expect(res.body.toString()).toBe('one two three')
  })

  it('keeps every Set-Cookie, the status and the redirect target', async () => {
    const base = await serve(async () => {
      const headers = new Headers({ Location: '/track/abc' })
      headers.append('Set-Cookie', 'a=1; Path=/; HttpOnly')
      headers.append('Set-Cookie', 'b=2; Path=/')
      return new Response(null, { status: 302, headers })
    })
    const res = await get(`${base}/track`)
    expect(res.status).toBe(302)
    expect(res.headers.location).toBe('/track/abc')
    expect(res.headers['set-cookie']).toEqual(['a=1; Path=/; HttpOnly', 'b=2; Path=/'])
  })

  it('hands the handler the method, URL, headers and form body as sent', async () => {
    let seen: { method: string; url: string; type: string | null; body: string } | undefined
    const base = await serve(async (request) => {
      seen = {
        method: request.method,
        url: request.url,
        type: request.headers.get('content-type'),
        body: await request.text(),
      }
      return new Response('thanks')
    })
    const res = await fetch(`${base}/track?lang=pl`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'orderNumber=1002&email=ben%40example.com',
    })
    expect(await res.text()).toBe('thanks')
    expect(seen).toEqual({
      method: 'POST',
      url: `${base}/track?lang=pl`,
      type: 'application/x-www-form-urlencoded',
      body: 'orderNumber=1002&email=ben%40example.com',
    })
  })

  it("trusts a loopback proxy's forwarded address, scheme and host", async () => {
    let seen: { url: string; ip: string } | undefined
    const base = await serve(async (request, context) => {
      seen = { url: request.url, ip: context.clientIp }
      return new Response('ok')
    })
    await get(`${base}/track`)
    expect(seen!.ip).toBe('127.0.0.1')
    await get(`${base}/track`, {
      'X-Forwarded-For': '203.0.113.9',
      'X-Forwarded-Proto': 'https',
      'X-Forwarded-Host': 'returns.birchandbay.example',
    })
    expect(seen).toEqual({ url: 'https://returns.birchandbay.example/track', ip: '203.0.113.9' })
  })

  it('answers 500 in plain words when the handler throws, and reports the error', async () => {
    const errors: unknown[] = []
    const base = await serve(
      async () => {
        throw new Error('boom')
      },
      (e) => errors.push(e),
    )
    const res = await get(`${base}/x`)
    expect(res.status).toBe(500)
    expect(res.body.toString()).toMatch(/went wrong on our side/)
    expect(errors).toHaveLength(1)
  })

  it('aborts the request signal when the client goes away before the answer', async () => {
    let aborted!: Promise<boolean>
    const base = await serve(
      (request) =>
        new Promise<Response>((resolve) => {
          aborted = new Promise((done) => request.signal.addEventListener('abort', () => done(true)))
          setTimeout(() => resolve(new Response('late')), 2_000)
        }),
    )
    const controller = new AbortController()
    const pending = fetch(`${base}/slow`, { signal: controller.signal }).catch(() => 'gone')
    await new Promise((resolve) => setTimeout(resolve, 100))
    controller.abort()
    expect(await pending).toBe('gone')
    expect(await aborted).toBe(true)
  })
})
