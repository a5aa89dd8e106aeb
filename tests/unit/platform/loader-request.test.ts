// app/patches/@remix-run+server-runtime+2.17.5.patch: a loader or action gets the request itself when
// there is no Remix search parameter (?index, ?_data, ?_routes) to strip, instead of a copy per call.
import { createRequire } from 'node:module'
import { describe, expect, it } from 'vitest'

const require = createRequire(import.meta.url)
const runtimeDir = require.resolve('@remix-run/server-runtime').replace(/index\.js$/, '')
interface CallArgs {
  loadContext: unknown
  params: Record<string, string>
  request: Request
  routeId: string
  singleFetch: boolean
}
const data = require(`${runtimeDir}data.js`) as {
  callRouteLoader(args: CallArgs & { loader: (a: { request: Request }) => unknown }): Promise<unknown>
  callRouteAction(args: CallArgs & { action: (a: { request: Request }) => unknown }): Promise<unknown>
}

async function seenBy(request: Request, kind: 'loader' | 'action' = 'loader'): Promise<Request> {
  let seen: Request | undefined
  const fn = ({ request: r }: { request: Request }) => {
    seen = r
    return null
  }
  const common = { loadContext: {}, params: {}, request, routeId: 'routes/x', singleFetch: false }
  await (kind === 'loader'
    ? data.callRouteLoader({ ...common, loader: fn })
    : data.callRouteAction({ ...common, action: fn }))
  return seen!
}

describe('the request a loader sees', () => {
  it('is the request itself when there is nothing to strip', async () => {
    const request = new Request('http://shop.example/track/abc?lang=pl')
    expect(await seenBy(request)).toBe(request)
  })

  it("has Remix's own parameters taken out, and the rest kept", async () => {
    const request = new Request('http://shop.example/track?index&_data=routes%2Ftrack._index&lang=pl')
    const seen = await seenBy(request)
    expect(seen).not.toBe(request)
    expect(new URL(seen.url).search).toBe('?lang=pl')
    expect(seen.signal.aborted).toBe(false)
  })

  it('gives an action the form body as sent, with or without parameters', async () => {
    const form = () => ({
      method: 'POST',
      body: 'orderNumber=1002',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    })
    const plain = await seenBy(new Request('http://shop.example/track', form()), 'action')
    expect(await plain.text()).toBe('orderNumber=1002')
    const indexed = await seenBy(new Request('http://shop.example/track?index', form()), 'action')
    expect(new URL(indexed.url).search).toBe('')
    expect(await indexed.text()).toBe('orderNumber=1002')
  })
})
