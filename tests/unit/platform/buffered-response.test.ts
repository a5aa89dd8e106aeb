// BufferedResponse keeps a page's HTML or a loader's data in memory (no web stream), and the patched
// router (app/patches) hands that data to the page as it is.
import { createRequire } from 'node:module'
import { describe, expect, it } from 'vitest'
import {
  assertPlainJson,
  bufferedContent,
  bufferedJson,
  BufferedResponse,
} from '#app/http/buffered-response.server'

const require = createRequire(import.meta.url)
const router = require(require.resolve('@remix-run/router')) as typeof import('@remix-run/router')

describe('BufferedResponse', () => {
  it('answers text(), json(), arrayBuffer() and clone() like any Response, with no body stream', async () => {
    const page = new BufferedResponse(
      { text: '<!DOCTYPE html><p>Zażółć</p>' },
      { status: 404, headers: { 'X-A': '1' } },
    )
    expect(page).toBeInstanceOf(Response)
    expect(page.body).toBeNull()
    expect(page.status).toBe(404)
    expect(await page.text()).toBe('<!DOCTYPE html><p>Zażółć</p>')
    expect(new TextDecoder().decode(await page.arrayBuffer())).toBe('<!DOCTYPE html><p>Zażółć</p>')
    const copy = page.clone()
    expect(copy.headers.get('x-a')).toBe('1')
    expect(await copy.text()).toBe(await page.text())
  })

  it('bufferedJson() is JSON with its content type; text() is the JSON a browser would fetch', async () => {
    const data = { order: { number: '#1002' }, parcels: [{ at: '2026-11-26T00:50:00.000Z' }] }
    const res = bufferedJson(data, { status: 422, headers: { 'Cache-Control': 'no-store' } })
    expect(res.status).toBe(422)
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8')
    expect(res.headers.get('cache-control')).toBe('no-store')
    expect(await res.json()).toBe(data)
    expect(JSON.parse(await res.text())).toEqual(data)
  })

  it('refuses data that JSON would change (dates, maps, undefined in arrays, NaN) outside production', () => {
    expect(() => assertPlainJson({ at: new Date() }, '$')).toThrow(/\$\.at is a Date/)
    expect(() => assertPlainJson({ m: new Map() }, '$')).toThrow(/Map/)
    expect(() => assertPlainJson([1, undefined], '$')).toThrow(/\$\[1\] is a undefined/)
    expect(() => assertPlainJson({ n: Number.NaN }, '$')).toThrow(/NaN/)
    expect(() => bufferedJson({ when: new Date() })).toThrow(TypeError)
    expect(() => assertPlainJson({ a: [1, 'x', null, true, { b: undefined }] }, '$')).not.toThrow()
  })

  it("reaches the page as the loader's own object through the (patched) router, and errors as data", async () => {
    const data = { locale: 'pl', view: { parcels: [] } }
    const handler = router.createStaticHandler([
      { id: 'root', path: '/', loader: () => bufferedJson(data) },
      {
        id: 'gone',
        path: '/gone',
        loader: () => {
          throw bufferedJson({ reason: 'missing' }, { status: 404 })
        },
      },
    ])
    const context = await handler.query(new Request('http://shop.example/'))
    if (context instanceof Response) throw new Error('unexpected response')
    expect(context.loaderData.root).toBe(data)

    const failed = await handler.query(new Request('http://shop.example/gone'))
    if (failed instanceof Response) throw new Error('unexpected response')
    expect(failed.statusCode).toBe(404)
    expect((failed.errors?.gone as { data: unknown }).data).toEqual({ reason: 'missing' })
  })
})

describe('BufferedResponse through the Remix request handler (patched server-runtime)', () => {
  // A two-route build by hand: the entry answers with what it was given, so the test sees what a page
  // would render from.
  function handler() {
    const { createRequestHandler } =
      require('@remix-run/server-runtime') as typeof import('@remix-run/server-runtime')
    const route = (id: string, path: string | undefined, parentId: string | undefined, module: object) => ({
      id,
      path,
      parentId,
      module,
      hasLoader: true,
    })
    const build = {
      mode: 'production',
      publicPath: '/build/',
      assetsBuildDirectory: 'public/build',
      isSpaMode: false,
      future: { v3_singleFetch: false },
      entry: {
        module: {
          default: (
            _req: Request,
            status: number,
            _headers: Headers,
            context: { staticHandlerContext: { loaderData: unknown; errors: unknown } },
          ) =>
            new Response(
              JSON.stringify({
                loaderData: context.staticHandlerContext.loaderData,
                errors: context.staticHandlerContext.errors,
              }),
              { status },
            ),
        },
      },
      routes: {
        root: route('root', '', undefined, {
          loader: () => bufferedJson({ locale: 'pl' }),
          default: () => null,
        }),
        'routes/gone': route('routes/gone', 'gone', 'root', {
          loader: () => {
            throw bufferedJson({ reason: 'missing' }, { status: 404 })
          },
          default: () => null,
          ErrorBoundary: () => null,
        }),
      },
      assets: {
        version: '1',
        url: '/build/manifest.js',
        entry: { module: '/build/entry.js', imports: [] },
        routes: {
          root: {
            id: 'root',
            path: '',
            hasLoader: true,
            hasAction: false,
            hasClientLoader: false,
            hasClientAction: false,
            hasErrorBoundary: false,
            module: '/build/root.js',
            imports: [],
          },
          'routes/gone': {
            id: 'routes/gone',
            parentId: 'root',
            path: 'gone',
            hasLoader: true,
            hasAction: false,
            hasClientLoader: false,
            hasClientAction: false,
            hasErrorBoundary: true,
            module: '/build/gone.js',
            imports: [],
          },
        },
      },
    }
    return createRequestHandler(build as never, 'production')
  }

  it('answers a client data request with the data and the X-Remix-Response mark', async () => {
    const res = await handler()(new Request('http://shop.example/gone?_data=root'))
    expect(res.status).toBe(200)
    expect(res.headers.get('x-remix-response')).toBe('yes')
    expect(bufferedContent(res)).toBe('{"locale":"pl"}')
    expect(await res.json()).toEqual({ locale: 'pl' })
  })

  it("gives a page's error boundary the data of a thrown bufferedJson", async () => {
    const res = await handler()(new Request('http://shop.example/gone'))
    expect(res.status).toBe(404)
    const rendered = (await res.json()) as { loaderData: unknown; errors: Record<string, { data: unknown }> }
    expect(rendered.loaderData).toEqual({ root: { locale: 'pl' } })
    expect(rendered.errors['routes/gone']!.data).toEqual({ reason: 'missing' })
  })
})
