// The Stripe fake (tests/fakes/stripe.ts) served as a real HTTP server on a loopback port, for code that
// runs in another process (a worker started as a child process, pointed here with STRIPE_API_BASE). MSW
// only intercepts requests made by the test process itself. Same state, same recorded requests.
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { handleStripeRequest, stripeRequests, type FakeAnswer, type RecordedStripeRequest } from './stripe'

export interface StripeFakeServer {
  /** `http://127.0.0.1:<port>`: what STRIPE_API_BASE is set to. */
  url: string
  close(): Promise<void>
}

export async function startStripeFakeServer(
  options: {
    /**
     * Called after the fake has answered (the effect has happened at "Stripe") and before the answer is
     * sent; the answer waits for the returned promise. Return 'drop' to never answer (the connection is
     * closed instead), as when the caller dies first.
     */
    beforeAnswer?: (request: RecordedStripeRequest, answer: FakeAnswer) => Promise<'send' | 'drop'> | 'send'
  } = {},
): Promise<StripeFakeServer> {
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1')
      const answer = handleStripeRequest({
        method: req.method ?? 'GET',
        url,
        headers: { get: (name) => headerValue(req.headers[name.toLowerCase()]) },
        rawBody: Buffer.concat(chunks).toString('utf8'),
      })
      const send = () => {
        if (res.destroyed) return
        res.writeHead(answer.status, { 'Content-Type': 'application/json', ...(answer.headers ?? {}) })
        res.end(JSON.stringify(answer.json))
      }
      const recorded = handleStripeRequestRecord()
      Promise.resolve(options.beforeAnswer ? options.beforeAnswer(recorded, answer) : 'send').then(
        (what) => (what === 'drop' ? res.destroy() : send()),
        () => res.destroy(),
      )
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

function headerValue(v: string | string[] | undefined): string | null {
  if (v === undefined) return null
  return Array.isArray(v) ? v.join(', ') : v
}

// The request the fake just recorded (handleStripeRequest pushes it before answering).
function handleStripeRequestRecord(): RecordedStripeRequest {
  return stripeRequests[stripeRequests.length - 1]!
}
