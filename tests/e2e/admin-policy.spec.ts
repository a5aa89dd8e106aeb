// The merchant's return policy page: an admin tries the saved rules on a real order, shortens the window
// and tries again before saving, saves with a note, finds the version in the history, and finally puts
// the 30-day window back so the demo shop is left as it was found for the other journeys.
import type { Browser, Page } from 'playwright-core'
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

async function signInAsAdmin() {
  const page = await newPage(browser, { viewport: { width: 1280, height: 900 } })
  await page.goto(`${baseUrl}/auth/login?redirectTo=%2Fadmin%2Fpolicy`)
  await page.locator('input[name="email"]').fill('admin@birchandbay.example')
  await page.locator('input[name="password"]').fill('homebound-admin')
  await page.locator('button[type=submit]').click()
  // Staff pages hydrate, so the redirect after sign-in is a client-side navigation.
  await page.waitForURL(/\/admin\/policy$/)
  await page.waitForLoadState('networkidle')
  return page
}

/** Each row of the "Try it" table as [item, quantity, returnable, sentence, last day]. */
async function tryOrder(page: Page, number: string, expect: RegExp) {
  await page.getByLabel('Order number').fill(number)
  await page.getByRole('button', { name: 'Try these settings' }).click()
  await page.locator('.try-box').getByText(expect).first().waitFor()
  return page
    .locator('.try-result tbody tr')
    .evaluateAll((rows) => rows.map((r) => [...r.children].map((c) => (c as HTMLElement).innerText.trim())))
}

async function save(page: Page, note: string) {
  await page.getByLabel('What changed and why').fill(note)
  const button = page.getByRole('button', { name: /^Save as version/ })
  // Wait for this save's own address: after an earlier save the page is already at some ?saved=.
  const next = Number((await button.innerText()).replace(/\D+/g, ''))
  await button.click()
  await page.waitForURL(new RegExp(`/admin/policy\\?saved=${next}$`))
  await page
    .getByRole('status')
    .filter({ hasText: `Version ${next} saved` })
    .waitFor()
  return next
}

test('an admin tries a shorter window on a real order before saving it, and the history records it', async () => {
  const page = await signInAsAdmin()
  await page.getByRole('heading', { name: 'Return policy', exact: true }).waitFor()
  await expect(page.getByRole('link', { name: 'Return policy' }).count()).resolves.toBe(1)
  expect(await checkA11y(page)).toEqual([])
  await expect(page.getByLabel('Days to return').inputValue()).resolves.toBe('30')
  await expect(page.getByLabel('Photo required for Arrived damaged').isChecked()).resolves.toBe(true)

  // Under the saved rules: #1003 was delivered 5 days ago; its final-sale beanie is refused, the tee (which
  // no other journey touches) may be returned. Other journeys on the same demo may already have returned
  // the sweater or added a replacement beanie, so rows are found by what they are.
  const row = (rows: string[][], title: RegExp) => rows.find((r) => title.test(r[0] ?? ''))
  const before = await tryOrder(page, '1003', /#1003/)
  expect(before.length).toBeGreaterThanOrEqual(3)
  expect(row(before, /Beanie/)![2]).toBe('No')
  expect(row(before, /Beanie/)![3]).toMatch(/final sale/i)
  expect(row(before, /Tee/)![2]).toBe('Yes')
  expect(await checkA11y(page)).toEqual([])
  await screenshot(page, 'admin-policy')

  // Unsaved: a 3-day window has already closed for the tee.
  await page.getByLabel('Days to return').fill('3')
  const after = await tryOrder(page, '1003', /3-day window closed/)
  expect(row(after, /Tee/)![2]).toBe('No')
  expect(row(after, /Tee/)![3]).toMatch(/3-day window closed/)
  await expect(page.locator('.try-result h3').innerText()).resolves.toContain('not saved')

  const version = await save(page, 'Trying a 3-day window for the spring sale')
  expect(version).toBeGreaterThan(0)
  await expect(page.getByLabel('Days to return').inputValue()).resolves.toBe('3')
  const latest = page.locator('table.history tbody tr').first()
  await expect(latest.innerText()).resolves.toContain('Return window (days)')
  await expect(latest.innerText()).resolves.toContain('Trying a 3-day window for the spring sale')
  await expect(latest.locator('th').innerText()).resolves.toBe(String(version))
  expect(await checkA11y(page)).toEqual([])

  await page.setViewportSize({ width: 375, height: 800 })
  await screenshot(page, 'admin-policy-375')
  await page.setViewportSize({ width: 1280, height: 900 })

  // Put the shop back as the other journeys expect it.
  await page.getByLabel('Days to return').fill('30')
  const restored = await save(page, 'Back to 30 days')
  expect(restored).toBe(version + 1)
  await expect(page.getByLabel('Days to return').inputValue()).resolves.toBe('30')
  await page.context().close()
})

test('a bad setting is refused with the reason next to the field and a link to it at the top', async () => {
  const page = await signInAsAdmin()
  await page.getByLabel('Days to return').fill('400')
  await page.getByRole('button', { name: /^Save as version/ }).click()
  await page.locator('#form-errors').waitFor()
  await expect(page.locator('#form-errors').innerText()).resolves.toContain('Return window (days)')
  await expect(page.getByLabel('Days to return').getAttribute('aria-invalid')).resolves.toBe('true')
  await expect(page.locator('#f-window-days-error').innerText()).resolves.toBe(
    'Return window must be at most 365',
  )
  expect(await checkA11y(page)).toEqual([])
  await screenshot(page, 'admin-policy-errors')

  await page.getByLabel('Days to return').fill('30')
  await tryOrder(page, '#99999', /no order #99999/)
  await page.context().close()
})
