import { Action, Layout, P } from './layout'
import { CaseDetails, CouponBlock } from './parts'
import type { CaseTemplate } from './template'

// The coupon of a case is issued: the buyer gets the code itself, what it is worth and the date to use it
// by. Sent when the coupon is issued before the case is resolved (a return whose parcel is still on its
// way back); when the coupon settles the case, the resolution email carries the same block instead.
export const caseCoupon: CaseTemplate = {
  subject: (l, d) => l.t('case-coupon.subject', { case: d.caseNumber }),
  Email: ({ l, d, brand }) => {
    const body = l.t('case-coupon.body', { case: d.caseNumber, order: d.orderNumber, shop: brand.shopName })
    return (
      <Layout l={l} brand={brand} preview={body} heading={l.t('case-coupon.heading')}>
        <P>{body}</P>
        <CouponBlock l={l} d={d} />
        <Action href={d.caseUrl} brand={brand}>
          {l.t('common.viewCase')}
        </Action>
        <CaseDetails l={l} d={d} amount="none" />
      </Layout>
    )
  },
}
