import { Action, Label, Layout, P, Quote } from './layout'
import { CaseDetails } from './parts'
import type { CaseTemplate } from './template'

/** Staff declined the money still waiting for a return (an inspection found a problem), with a reason. */
export const caseRefundDeclined: CaseTemplate = {
  subject: (l, d) => l.t('case-refund-declined.subject', { case: d.caseNumber, order: d.orderNumber }),
  Email: ({ l, d, brand }) => {
    const body = l.t('case-refund-declined.body', {
      case: d.caseNumber,
      order: d.orderNumber,
      shop: brand.shopName,
    })
    return (
      <Layout l={l} brand={brand} preview={body} heading={l.t('case-refund-declined.heading')}>
        <P>{body}</P>
        {d.reason ? (
          <>
            <Label>{l.t('case-refund-declined.reason')}</Label>
            <Quote>{d.reason}</Quote>
          </>
        ) : null}
        <CaseDetails l={l} d={d} amount="expected" />
        <Action href={d.caseUrl} brand={brand}>
          {l.t('common.viewCase')}
        </Action>
      </Layout>
    )
  },
}
