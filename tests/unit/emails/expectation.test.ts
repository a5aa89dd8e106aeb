// The case emails' sentence about the money: its moment under the shop's policy and the date, in every
// language, and nothing when there is no date to give.
import { describe, expect, test } from 'vitest'
import { demoRenderInput } from '#emails/demo-data'
import { renderEmail } from '#emails/render'
import type { CaseEmailData, EmailExpectation } from '#emails/types'

async function approvedText(locale: 'en' | 'ru' | 'pl', expectation: EmailExpectation | null) {
  const input = demoRenderInput('case-approved', locale)
  return (await renderEmail({ ...input, data: { ...(input.data as CaseEmailData), expectation } })).text
}

const base: EmailExpectation = {
  kind: 'refund',
  amountMinor: 4500,
  moment: 'first_scan',
  stage: 'waiting',
  by: '2026-12-08T10:00:00.000Z',
}

describe('the expectation sentence', () => {
  test('names the moment and the date in the buyer’s language', async () => {
    expect(await approvedText('en', base)).toContain(
      'Your refund of €45.00 is sent when the carrier first scans your parcel — expect it by Tue, December 8.',
    )
    expect(await approvedText('ru', { ...base, moment: 'inspected' })).toMatch(
      /Возврат 45,00\s€ отправим, когда магазин проверит товары, — ожидайте его до вт, 8 декабря\./,
    )
    expect(await approvedText('pl', { ...base, kind: 'store_credit', moment: 'delivered' })).toMatch(
      /Środki w sklepie \(45,00\s€\) dodamy, gdy paczka dotrze do sklepu — spodziewaj się ich do wt\., 8 grudnia\./,
    )
  })

  test('released money is on its way; held, declined or dateless money gets no sentence', async () => {
    expect(await approvedText('en', { ...base, stage: 'released' })).toContain(
      'Your refund of €45.00 is on its way — expect it by Tue, December 8.',
    )
    for (const e of [
      { ...base, stage: 'held' as const, by: null },
      { ...base, stage: 'declined' as const, by: null },
      null,
    ]) {
      expect(await approvedText('en', e)).not.toMatch(/expect it by/)
    }
  })

  test('the resolved email gives a refund’s date on the statement', async () => {
    const { text } = await renderEmail(demoRenderInput('case-resolved', 'en'))
    expect(text).toContain('banks usually show it within five business days — expect it by Thu, March 12.')
  })

  test('the declined email gives the reason', async () => {
    const { subject, text } = await renderEmail(demoRenderInput('case-refund-declined', 'en'))
    expect(subject).toBe('About the refund for your request R-1001')
    expect(text).toContain('torn seam')
    expect(text).not.toMatch(/expect it by/)
  })
})
