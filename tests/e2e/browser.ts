// Headless Chromium (Debian's /usr/bin/chromium, driven by playwright-core) plus the two checks every
// journey makes: axe for accessibility, screenshots for a human to look at.
import { mkdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import type { AxeResults, ImpactValue } from 'axe-core'
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core'
import { root } from './app-server'

const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
export const screenshotDir = path.join(root, 'tests', 'e2e', 'screenshots')

export function launchBrowser(): Promise<Browser> {
  // Playwright adds --headless itself and gives every launch a fresh temporary --user-data-dir, so two
  // runs never share a profile. The rest keeps Chromium from phoning home on an offline CI machine.
  return chromium.launch({
    executablePath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  })
}

export interface NewPageOptions {
  locale?: string
  viewport?: { width: number; height: number }
  extraHTTPHeaders?: Record<string, string>
}

/** A page in its own context (own cookies); close it with `page.context().close()`. */
export async function newPage(browser: Browser, options: NewPageOptions = {}): Promise<Page> {
  const contextOptions: BrowserContextOptions = {
    locale: options.locale ?? 'en-US',
    viewport: options.viewport ?? { width: 1280, height: 900 },
    extraHTTPHeaders: options.extraHTTPHeaders,
    // axe is injected as an inline script; a strict Content-Security-Policy must not block the auditor.
    bypassCSP: true,
  }
  const context = await browser.newContext(contextOptions)
  context.setDefaultTimeout(15_000)
  return context.newPage()
}

export interface A11yViolation {
  id: string
  impact: ImpactValue | null | undefined
  help: string
  helpUrl: string
  targets: string[]
  /** axe's explanation for the first offending node (for contrast: the colours and the ratio). */
  summary: string
}

const axeSource = readFileSync(path.join(root, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8')

/** Runs axe on the current page; returns only the violations that block users (serious, critical). */
export async function checkA11y(page: Page): Promise<A11yViolation[]> {
  const hasAxe = await page.evaluate(() => 'axe' in window)
  if (!hasAxe) await page.addScriptTag({ content: axeSource })
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(options: object): Promise<AxeResults> } }).axe
    const results = await axe.run({ resultTypes: ['violations'] })
    return results.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      helpUrl: v.helpUrl,
      targets: v.nodes.map((n) => n.target.join(' ')),
      summary: v.nodes[0]?.failureSummary ?? '',
    }))
  })
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
}

/** Full-page PNG at tests/e2e/screenshots/NAME.png (gitignored). */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(screenshotDir, { recursive: true })
  const file = path.join(screenshotDir, `${name.replace(/[^A-Za-z0-9_.-]+/g, '-')}.png`)
  await page.screenshot({ path: file, fullPage: true })
  return file
}
