// An address that does not exist answers 404 in the visitor's language, with a way back to tracking.
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, expect, inject, test } from 'vitest'
import { checkA11y, launchBrowser, newPage } from './browser'

const baseUrl = inject('baseUrl')
let browser: Browser

beforeAll(async () => {
  browser = await launchBrowser()
})

afterAll(async () => {
  await browser?.close()
})

test.each([
  ['en', 'Page not found'],
  ['ru', 'Страница не найдена'],
  ['pl', 'Nie znaleziono strony'],
])('an unknown address in %s says so in that language and links back to tracking', async (lang, heading) => {
  const page = await newPage(browser, { viewport: { width: 375, height: 812 } })
  const response = await page.goto(`${baseUrl}/track-my-parcel-please?lang=${lang}`)
  expect(response?.status()).toBe(404)
  expect(await page.locator('html').getAttribute('lang')).toBe(lang)
  expect((await page.locator('h1').innerText()).trim()).toBe(heading)
  expect(await page.locator('main a[href="/track"]').count()).toBe(1)
  expect(await checkA11y(page)).toEqual([])
  await page.context().close()
})
