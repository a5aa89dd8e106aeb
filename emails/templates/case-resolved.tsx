import { Action, Layout, P } from './layout'
import { CaseDetails, CouponBlock, ExpectationLine } from './parts'
import type { CaseTemplate } from './template'

export const caseResolved: CaseTemplate = {
  subject: (l, d) => l.t('case-resolved.subject', { case: d.caseNumber, order: d.orderNumber }),
  Email: ({ l, d, brand }) => {
    const body = l.t('case-resolved.body', { case: d.caseNumber, order: d.orderNumber, shop: brand.shopName })
    return (
      <Layout l={l} brand={brand} preview={body} heading={l.t('case-resolved.heading')}>
        <P>{body}</P>
        <ExpectationLine l={l} d={d} />
        <CouponBlock l={l} d={d} />

        <CaseDetails l={l} d={d} amount={d.coupon ? 'none' : 'issued'} />
        <Action href={d.caseUrl} brand={brand}>
          {l.t('common.viewCase')}
        </Action>
      </Layout>
    )
  },
}
