import { Action, Layout, P } from './layout'
import { CaseDetails } from './parts'
import type { CaseTemplate } from './template'

// What the buyer was promised did not go through: money (the provider refused it, or took it and failed
// later), the return label they need to send the parcel back, or their replacement. Said plainly, with no
// provider words, and with what happens next.
export const resolutionFailed: CaseTemplate = {
  subject: (l, d) => l.t(`resolution-failed.subject.${d.failedKind ?? 'refund'}`, { case: d.caseNumber }),
  Email: ({ l, d, brand }) => {
    const body = l.t(`resolution-failed.body.${d.failedKind ?? 'refund'}`, {
      case: d.caseNumber,
      order: d.orderNumber,
    })
    return (
      <Layout l={l} brand={brand} preview={body} heading={l.t('resolution-failed.heading')}>
        <P>{body}</P>
        <P>{l.t('resolution-failed.next', { shop: brand.shopName })}</P>
        <CaseDetails l={l} d={d} amount="expected" />
        <Action href={d.caseUrl} brand={brand}>
          {l.t('common.viewCase')}
        </Action>
      </Layout>
    )
  },
}
