// An exchange in the zero-config demo: the buyer of #1019 swaps the sweater for another size with the
// variant picker (no price difference: same price), the agent approves and releases the replacement
// without waiting for the return parcel's first scan, the worker ships it, and the order page then shows
// the replacement parcel for the case. Pages are checked with axe and screenshotted at 375 px and desktop.
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, expect, inject, test } from 'vitest'
import { checkA11y, launchBrowser, newPage, screenshot } from './browser'

const baseUrl = inject('baseUrl')
const MOBILE = { width: 375, height: 812 }
const DESKTOP = { width: 1280, height: 900 }
let browser: Browser

beforeAll(async () => {
  browser = await launchBrowser()
})

afterAll(async () => {
  await browser?.close()
})

async function next(page: Page, selector = 'form .actions .button:not(.secondary)') {
  await Promise.all([page.waitForNavigation(), page.locator(selector).first().click()])
}

async function audited(page: Page, name: string) {
  expect(await checkA11y(page), name).toEqual([])
  await screenshot(page, name)
}

test('a buyer exchanges the sweater of #1019 for another size; once approved the order page shows the replacement parcel', async () => {
  const page = await newPage(browser, { viewport: MOBILE, locale: 'en' })
  await page.goto(`${baseUrl}/track?lang=en`)
  const lookup = page.locator('form[data-testid="lookup-form"]')
  await lookup.locator('input[name="orderNumber"]').fill('1019')
  await lookup.locator('input[name="email"]').fill('henry.adams@example.com')
  await lookup.locator('[type=submit]').click()
  await page.waitForURL(/\/track\/[A-Za-z0-9_.-]+$/)
  const orderUrl = page.url()

  await page.locator('[data-testid="start-return"]').click()
  // A draft from an earlier visit resumes where it stopped: start again from the items.
  await page.waitForURL(/\/return\/[a-z]+$/)
  if (!page.url().endsWith('/return/items')) await page.goto(page.url().replace(/[a-z]+$/, 'items'))
  await page.locator('[data-testid="return-item"][data-eligible="true"] input[type=checkbox]').first().check()
  await next(page)
  await page.waitForURL(/\/return\/reasons$/)
  await page.getByLabel('Reason').selectOption('wrong_size')
  await next(page)

  // The picker: the other sizes and colours in stock, each with its price and the difference.
  await page.waitForURL(/\/return\/resolution$/)
  const picker = page.locator('fieldset[data-testid^="exchange-"]')
  await expect(picker.count()).resolves.toBe(1)
  const offered = await picker.innerText()
  expect(offered).toMatch(/Oatmeal \/ L/)
  expect(offered).toMatch(/Oatmeal \/ XL[\s\S]*you pay \$/)
  // Out of stock and the size bought are not offered.
  expect(offered).not.toMatch(/Charcoal/)
  expect(offered).not.toMatch(/Oatmeal \/ M ·/)
  await audited(page, 'exchange-1-picker-375')

  // Exchange without a size: refused next to the item.
  await page.locator('[data-testid="resolution-exchange"] input').check()
  await next(page)
  await expect(picker.locator('.error').innerText()).resolves.toMatch(/Pick the one you would like instead/)

  await page.locator('[data-testid="resolution-exchange"] input').check()
  await picker.locator('label', { hasText: 'Oatmeal / L' }).locator('input').check()
  await next(page)
  await page.waitForURL(/\/return\/method$/)
  await page.locator('[data-testid="method-label"] input').check()
  await next(page)

  await page.waitForURL(/\/return\/review$/)
  await expect(page.locator('[data-testid="review-exchange"]').innerText()).resolves.toMatch(
    /Oatmeal \/ M\) → Oatmeal \/ L/,
  )
  await expect(page.locator('[data-testid="review-price-difference"]').innerText()).resolves.toMatch(
    /same price/,
  )
  await screenshot(page, 'exchange-2-review-375')
  await next(page, '[data-testid="submit-return"]')
  await page.waitForURL(/\/case\/R-\d+\?new=1$/)
  const caseNumber = /\/case\/(R-\d+)/.exec(page.url())![1]!

  // The agent approves (unless the rules already did) and sends the replacement now.
  const staff = await newPage(browser, { viewport: DESKTOP })
  await staff.goto(`${baseUrl}/auth/login`)
  await staff.locator('input[name="email"]').fill('agent@birchandbay.example')
  await staff.locator('input[name="password"]').fill('homebound-agent')
  await staff.locator('button[type=submit]').click()
  await staff.waitForURL(/\/support$/)
  await staff.goto(`${baseUrl}/support/cases/${caseNumber}`)
  const approveButton = staff.getByRole('button', { name: 'Approve', exact: true })
  if ((await approveButton.count()) > 0) {
    await Promise.all([staff.waitForNavigation(), approveButton.click()])
  }
  await expect(staff.locator('body').innerText()).resolves.toMatch(/exchange for Oatmeal \/ L/)
  await staff.locator('[data-testid="release-open-replacement"]').click()
  await Promise.all([staff.waitForNavigation(), staff.locator('[data-testid="release-replacement"]').click()])
  await staff.context().close()

  // The worker ships it: the order page shows the replacement parcel for the case, with its item.
  await page.goto(orderUrl)
  const parcel = page.locator('[data-testid="replacement-parcel"]')
  for (let i = 0; i < 30 && (await parcel.count()) === 0; i++) {
    await page.waitForTimeout(1000)
    await page.reload()
  }
  await expect(parcel.innerText()).resolves.toBe(`Replacement for ${caseNumber}`)
  const card = page.locator('[data-testid="parcel"]', { has: parcel })
  await expect(card.innerText()).resolves.toMatch(/Oatmeal \/ L/)
  await parcel.scrollIntoViewIfNeeded()
  await audited(page, 'exchange-3-order-375')
  await page.setViewportSize(DESKTOP)
  await screenshot(page, 'exchange-3-order-desktop')

  // The case page shows the replacement's tracking number.
  await page.goto(orderUrl.replace(/\/?$/, `/case/${caseNumber}`))
  await expect(page.locator('[data-testid="case-replacement"]').innerText()).resolves.toMatch(/\d|[A-Z]{2}/)
  await screenshot(page, 'exchange-4-case-desktop')
  await page.context().close()
})
