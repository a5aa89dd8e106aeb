// The buyer's sentence about their money or replacement: what it is, the moment it waits for under the
// shop's policy, and the date to expect it ("Your refund of €45.00 is sent when the carrier first scans
// your parcel — expect it by Tue, 8 December."). Used by the buyer's case page; the emails say the same
// from their own dictionary.
import type { Formatter } from '#app/i18n/format'
import type { MessageKey, TFunction } from '#app/i18n/t'
import type { CaseExpectation } from '#app/services/cases/case-expectation.server'

/** The sentence, or null when there is nothing to say beyond what the page already says (issued). */
export function expectationSentence(t: TFunction, f: Formatter, e: CaseExpectation | null): string | null {
  if (!e) return null
  switch (e.stage) {
    case 'issued':
      return null
    case 'held':
      return t('case.expectation.held')
    case 'failed':
      // A replacement that could not be sent is not a payment that did not go through.
      return t(e.kind === 'replacement' ? 'case.expectation.replacement.failed' : 'case.expectation.failed')
    case 'declined':
      return t('case.expectation.declined')
    case 'waiting':
    case 'released': {
      if (!e.by) return null
      // A replacement ships at approval or first scan only; the policy cannot choose a later moment.
      const when = e.stage === 'released' ? 'released' : e.moment
      if (e.kind === 'replacement' && (when === 'delivered' || when === 'inspected')) return null
      return t(`case.expectation.${e.kind}.${when}` as MessageKey, {
        amount: f.money(e.amountMinor, e.currency),
        date: f.date(e.by),
      })
    }
  }
}
