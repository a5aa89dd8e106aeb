// Listen when this module loads (before app modules run): an unhandled outbound request fails the test.
import { afterAll, afterEach } from 'vitest'
import { resetFakeState, server } from '#tests/fakes/server'

server.listen({
  onUnhandledRequest(request) {
    const url = new URL(request.url)
    // Our own servers on loopback (the app under test, a local SMTP server) are real, not faked.
    if (url.hostname === '127.0.0.1' || url.hostname === 'localhost') return
    throw new Error(`Unhandled outbound request in a test: ${request.method} ${request.url}`)
  },
})
afterEach(() => {
  server.resetHandlers()
  resetFakeState()
})
afterAll(() => server.close())
