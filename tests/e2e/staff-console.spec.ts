// Staff side of the demo: an admin signs in, sees the overview, opens the list of parcels needing
// attention and, from it, the page the buyer sees; an agent is kept out of the admin overview. Every
// page is checked with axe.
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, expect, inject, test } from 'vitest'
import { checkA11y, launchBrowser, newPage, screenshot } from './browser'

const baseUrl = inject('baseUrl')
let browser: Browser

beforeAll(async () => {
  browser = await launchBrowser()
})

afterAll(async () => {
  await browser?.close()
})

async function signIn(email: string, password: string, path: string, landOn: RegExp) {
  const page = await newPage(browser, { viewport: { width: 1280, height: 900 } })
  await page.goto(`${baseUrl}${path}`)
  expect(new URL(page.url()).pathname).toBe('/auth/login')
  expect(await checkA11y(page)).toEqual([])
  await page.locator('input[name="email"]').fill(email)
  await page.locator('input[name="password"]').fill(password)
  await page.locator('button[type=submit]').click()
  // Staff pages hydrate, so the redirect after sign-in is a client-side navigation.
  await page.waitForURL(landOn)
  await page.waitForLoadState('networkidle')
  return page
}

test('an admin signs in, sees the overview and follows a parcel in trouble to the buyer’s page', async () => {
  const page = await signIn('admin@birchandbay.example', 'homebound-admin', '/admin', /\/admin$/)
  expect(new URL(page.url()).pathname).toBe('/admin')
  await screenshot(page, 'staff-admin-overview')
  await page.getByRole('heading', { name: 'Overview', exact: true }).waitFor({ timeout: 5000 })
  const orders = Number(await page.locator('.stat .n').first().innerText())
  expect(orders).toBeGreaterThanOrEqual(40)
  expect(await checkA11y(page)).toEqual([])

  await page.getByRole('link', { name: 'Parcels needing attention' }).first().click()
  await page.waitForURL(/\/support$/)
  const rows = page.locator('table.data tbody tr')
  expect(await rows.count()).toBeGreaterThan(0)
  await expect(page.locator('table.data').innerText()).resolves.toContain('#1002')
  expect(await checkA11y(page)).toEqual([])
  await screenshot(page, 'staff-support-queue')

  await page.getByRole('link', { name: '#1002' }).click()
  await page.waitForURL(/\/track\/[A-Za-z0-9_.-]+$/)
  await expect(page.locator('[data-testid="delay-banner"]').first().isVisible()).resolves.toBe(true)

  await page.goto(`${baseUrl}/admin`)
  await page.getByRole('button', { name: 'Sign out' }).click()
  await page.waitForURL(/\/auth\/login$/)
  await page.goto(`${baseUrl}/admin`)
  expect(new URL(page.url()).pathname).toBe('/auth/login')
  await page.context().close()
})

test('an agent lands on the support list and is kept out of the admin overview', async () => {
  const page = await signIn('agent@birchandbay.example', 'homebound-agent', '/auth/login', /\/support$/)
  expect(new URL(page.url()).pathname).toBe('/support')
  const response = await page.goto(`${baseUrl}/admin`)
  expect(response?.status()).toBe(403)
  await page.context().close()
})

test('a wrong password is refused with a message and no session', async () => {
  const page = await signIn('admin@birchandbay.example', 'not-the-password', '/auth/login', /\/auth\/login$/)
  expect(new URL(page.url()).pathname).toBe('/auth/login')
  await expect(page.locator('[role="alert"]').innerText()).resolves.toContain('do not match')
  expect(await checkA11y(page)).toEqual([])
  await page.context().close()
})
