import { Action, Label, Layout, P, Quote } from './layout'
import { CaseDetails } from './parts'
import type { CaseTemplate } from './template'

export const caseNeedsInfo: CaseTemplate = {
  subject: (l, d) => l.t('case-needs-info.subject', { case: d.caseNumber, order: d.orderNumber }),
  Email: ({ l, d, brand }) => {
    const body = l.t('case-needs-info.body', {
      case: d.caseNumber,
      order: d.orderNumber,
      shop: brand.shopName,
    })
    return (
      <Layout l={l} brand={brand} preview={body} heading={l.t('case-needs-info.heading')}>
        <P>{body}</P>
        {d.question ? (
          <>
            <Label>{l.t('case-needs-info.question')}</Label>
            <Quote>{d.question}</Quote>
          </>
        ) : null}
        <Action href={d.caseUrl} brand={brand}>
          {l.t('case-needs-info.action')}
        </Action>
        <CaseDetails l={l} d={d} amount="expected" />
      </Layout>
    )
  },
}
