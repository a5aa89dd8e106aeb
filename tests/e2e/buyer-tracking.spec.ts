// Buyer journey on the standalone portal, in each shipped language: find order #1002 (seeded with a delayed
// parcel) by number + email, see its status and the delay notice; wrong details and forged links get a
// generic message. Every page is checked with axe and screenshotted for mobile and desktop.
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest'
import { checkA11y, launchBrowser, newPage, screenshot, type NewPageOptions } from './browser'

const baseUrl = inject('baseUrl')
const ORDER_NUMBER = '1002'
const EMAIL = 'ben@example.com'
const LANGUAGES = ['en', 'ru', 'pl'] as const
const DESKTOP = { width: 1280, height: 900 }
const MOBILE = { width: 375, height: 812 }
const TRACKING_PATH = /^\/track\/[A-Za-z0-9_.-]+$/

let browser: Browser
// Lookups are rate limited per buyer, so the forged-link test reuses a token a passing test already got.
let knownToken: string | undefined

beforeAll(async () => {
  browser = await launchBrowser()
})

afterAll(async () => {
  await browser?.close()
})

async function withPage(options: NewPageOptions, run: (page: Page) => Promise<void>) {
  const page = await newPage(browser, { viewport: DESKTOP, ...options })
  try {
    await run(page)
  } finally {
    await page.context().close()
  }
}

const pathname = (page: Page) => new URL(page.url()).pathname

async function submitLookup(page: Page, orderNumber: string, email: string) {
  const form = page.locator('form[data-testid="lookup-form"]')
  await form.locator('input[name="orderNumber"]').fill(orderNumber)
  await form.locator('input[name="email"]').fill(email)
  await form.locator('[type=submit]').click()
}

/** The visible, non-empty message of the page (lookup error or flash); both carry role="alert". */
async function alertText(page: Page) {
  const alert = page.locator('[role="alert"]').filter({ hasText: /\S/ }).first()
  await alert.waitFor({ state: 'visible' })
  return (await alert.innerText()).trim()
}

/** Screenshots at both sizes, ending back on desktop. */
async function screenshotBoth(page: Page, name: string) {
  await page.setViewportSize(DESKTOP)
  await screenshot(page, `${name}-${DESKTOP.width}x${DESKTOP.height}`)
  await page.setViewportSize(MOBILE)
  await screenshot(page, `${name}-${MOBILE.width}x${MOBILE.height}`)
  await page.setViewportSize(DESKTOP)
}

async function lookupOrder(page: Page) {
  await submitLookup(page, ORDER_NUMBER, EMAIL)
  await page.waitForURL((url) => TRACKING_PATH.test(url.pathname))
  const token = pathname(page).split('/')[2]!
  knownToken ??= token
  return token
}

describe.each(LANGUAGES)('buyer tracking page in %s', (lang) => {
  test('finds the order by number and email and shows the delay notice', async () => {
    await withPage({}, async (page) => {
      await page.goto(`${baseUrl}/track?lang=${lang}`)
      expect(await page.locator('html').getAttribute('lang')).toBe(lang)
      expect(await checkA11y(page), `axe on /track?lang=${lang}`).toEqual([])
      await screenshotBoth(page, `track-lookup-${lang}`)

      await lookupOrder(page)
      expect(pathname(page)).toMatch(TRACKING_PATH)
      expect(await checkA11y(page), `axe on the tracking page (${lang})`).toEqual([])

      const banner = page.locator('[data-testid="delay-banner"]')
      await banner.waitFor({ state: 'visible' })
      expect((await banner.innerText()).trim()).not.toBe('')
      expect(await page.locator('[data-testid="parcel"]').count()).toBeGreaterThanOrEqual(1)
      await screenshotBoth(page, `track-order-${lang}`)
    })
  })
})

test('Accept-Language alone picks Russian', async () => {
  await withPage({ locale: 'ru-RU', extraHTTPHeaders: { 'Accept-Language': 'ru' } }, async (page) => {
    await page.goto(`${baseUrl}/track`)
    expect(await page.locator('html').getAttribute('lang')).toBe('ru')
  })
})

test('a wrong email gets the same generic message as an unknown order, and stays on /track', async () => {
  await withPage({}, async (page) => {
    await page.goto(`${baseUrl}/track?lang=en`)
    await submitLookup(page, ORDER_NUMBER, 'not-ben@example.com')
    const wrongEmail = await alertText(page)
    expect(pathname(page)).toBe('/track')

    // Same words for "no such order": the message must not tell a stranger that #1002 exists.
    await page.goto(`${baseUrl}/track?lang=en`)
    await submitLookup(page, '999999', 'not-ben@example.com')
    expect(await alertText(page)).toBe(wrongEmail)
    expect(pathname(page)).toBe('/track')
  })
})

test('a tampered tracking link redirects to /track with a message', async () => {
  await withPage({}, async (page) => {
    let token = knownToken
    if (!token) {
      await page.goto(`${baseUrl}/track?lang=en`)
      token = await lookupOrder(page)
    }
    await page.goto(`${baseUrl}/track/${tamper(token)}`)
    await page.waitForURL((url) => url.pathname === '/track')
    expect(await alertText(page)).not.toBe('')
  })
})

/**
 * Changes the token's last character so that the decoded bytes really change: in base64url the low bits of
 * the last character can be padding that decoders ignore, so flip its highest bit instead (index + 32).
 */
function tamper(token: string) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'
  const last = token.at(-1) ?? ''
  const index = alphabet.indexOf(last)
  const replacement = index >= 0 ? alphabet[(index + 32) % 64]! : last === 'A' ? 'B' : 'A'
  return token.slice(0, -1) + replacement
}
