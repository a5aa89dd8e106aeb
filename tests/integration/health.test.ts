import { expect, test } from 'vitest'
import { loader } from '#app/routes/healthz'
import { callLoader, getRequest } from '#tests/helpers/requests'

test('the health check answers 200 with the database up and is never cached', async () => {
  const response = await callLoader(loader, getRequest('http://localhost/healthz'))
  expect(response.status).toBe(200)
  expect(response.headers.get('Cache-Control')).toBe('no-store')
  expect(await response.json()).toMatchObject({ ok: true, database: 'up' })
})
