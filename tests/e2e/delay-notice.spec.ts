// Told before they ask: in the zero-config demo the delayed parcel of #1002 has sent its buyer a delay
// email (captured in the outbox), with one link per remedy the shop allows. Following the reship link as
// the buyer and confirming opens a case in the same log support works from.
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

test('the delayed demo order has its delay email in the outbox, and its remedy link turns into a case', async () => {
  const admin = await newPage(browser, { viewport: { width: 1280, height: 900 } })
  await admin.goto(`${baseUrl}/auth/login?redirectTo=%2Fadmin%2Foutbox`)
  await admin.locator('input[name="email"]').fill('admin@birchandbay.example')
  await admin.locator('input[name="password"]').fill('homebound-admin')
  await admin.locator('button[type=submit]').click()
  await admin.waitForURL(/\/admin\/outbox$/)

  // The scan runs at start and every minute; the email is there once it has run.
  const row = admin.locator('tr', { hasText: 'ben@example.com' }).filter({ hasText: /delay/ })
  for (let i = 0; i < 30 && (await row.count()) === 0; i++) {
    await admin.waitForTimeout(2000)
    await admin.reload()
  }
  await expect(row.count()).resolves.toBe(1)
  await row.locator('a').first().click()
  await admin.waitForURL(/\/admin\/outbox\/[0-9a-f-]{36}$/)
  await admin.waitForLoadState('networkidle')
  await screenshot(admin, 'delay-email')
  const email = admin.frameLocator('iframe').first()
  await expect(email.locator('body').innerText()).resolves.toMatch(/running late|delayed/i)
  const hrefs = await email.locator('a').evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href))
  const reship = hrefs.find((h) => /\/remedy\/[0-9a-f-]{36}\/reship$/.test(h))
  expect(reship, hrefs.join('\n')).toBeDefined()
  await admin.context().close()

  // The buyer clicks it in their mailbox: the link carries its own access, no lookup needed.
  const buyer = await newPage(browser, { viewport: { width: 375, height: 812 } })
  const url = new URL(reship!)
  await buyer.goto(`${baseUrl}${url.pathname}`)
  if (!/\/case\/R-\d+/.test(buyer.url())) {
    await buyer.locator('[data-testid="remedy-page"]').waitFor()
    expect(await checkA11y(buyer)).toEqual([])
    await screenshot(buyer, 'remedy-page')
    await Promise.all([buyer.waitForNavigation(), buyer.locator('[data-testid="confirm-remedy"]').click()])
  }
  await buyer.waitForURL(/\/case\/R-\d+/)
  await expect(buyer.locator('[data-testid="case-card"]').innerText()).resolves.toMatch(/Send it again/)
  expect(await checkA11y(buyer)).toEqual([])
  await screenshot(buyer, 'remedy-case')
  await buyer.context().close()
})
