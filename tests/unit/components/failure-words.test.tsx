// What the buyer reads when something the shop promised failed: a replacement or a return label is never
// "the payment", in the expectation sentence or on the timeline, in any language.
import { renderToStaticMarkup } from 'react-dom/server'
import { expect, test } from 'vitest'
import { CaseTimeline } from '#app/components/case-parts'
import { expectationSentence } from '#app/components/expectation'
import { createFormatter } from '#app/i18n/format'
import { LOCALES } from '#app/i18n/locales'
import { createT } from '#app/i18n/t'
import type { CaseEventView } from '#app/services/cases/case-view.server'
import type { CaseExpectation } from '#app/services/cases/case-expectation.server'

const failed = (kind: CaseExpectation['kind']): CaseExpectation => ({
  kind,
  amountMinor: kind === 'replacement' ? 0 : 5_000,
  currency: 'EUR',
  moment: 'approval',
  stage: 'failed',
  by: null,
  momentBy: null,
})

const event = (resolutionKind: string): CaseEventView => ({
  id: resolutionKind,
  type: 'resolution_failed',
  actor: 'system',
  staffName: null,
  at: '2026-03-02T10:00:00Z',
  message: null,
  photos: 0,
  resolutionKind,
  details: {},
})

test.each(LOCALES)('in %s a failed replacement and a failed label have their own sentences', (locale) => {
  const t = createT(locale)
  const f = createFormatter(locale, 'UTC')
  expect(expectationSentence(t, f, failed('replacement'))).toBe(t('case.expectation.replacement.failed'))
  expect(expectationSentence(t, f, failed('refund'))).toBe(t('case.expectation.failed'))
  expect(t('case.expectation.replacement.failed')).not.toBe(t('case.expectation.failed'))

  const html = renderToStaticMarkup(
    <CaseTimeline
      t={t}
      f={f}
      audience="buyer"
      events={[event('refund'), event('return_label'), event('replacement'), event('charge')]}
    />,
  )
  const whats = [...html.matchAll(/<div class="what">([^<]*)<\/div>/g)].map((m) => m[1])
  // Newest first: charge, replacement, label, refund.
  expect(whats).toEqual([
    t('event.resolution_failed'),
    t('event.resolution_failed.replacement'),
    t('event.resolution_failed.return_label'),
    t('event.resolution_failed'),
  ])
  expect(new Set(whats).size).toBe(3)
})

test('the English sentences', () => {
  const t = createT('en')
  expect(t('case.expectation.replacement.failed')).toBe(
    'Your replacement could not be sent yet; the shop team is on it.',
  )
  expect(t('event.resolution_failed.return_label')).toBe(
    'The return label could not be created yet; the shop team is on it',
  )
  expect(t('case.failed.replacement')).toMatch(/^We could not send your replacement yet\./)
})
