import { Action, Layout, P, Label, Quote } from './layout'
import { CaseDetails } from './parts'
import type { CaseTemplate } from './template'

export const caseRejected: CaseTemplate = {
  subject: (l, d) => l.t('case-rejected.subject', { case: d.caseNumber, order: d.orderNumber }),
  Email: ({ l, d, brand }) => {
    const body = l.t('case-rejected.body', { case: d.caseNumber, order: d.orderNumber, shop: brand.shopName })
    return (
      <Layout l={l} brand={brand} preview={body} heading={l.t('case-rejected.heading')}>
        <P>{body}</P>
        {d.reason ? (
          <>
            <Label>{l.t('case-rejected.reason')}</Label>
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
