import { Action, Label, Layout, P } from './layout'
import { ParcelDetails } from './parts'
import type { DeliveryTemplate } from './template'

export const exception: DeliveryTemplate = {
  subject: (l, d) => l.t('exception.subject', { order: d.orderNumber }),
  Email: ({ l, d, brand }) => {
    const heading = l.t(`exception.${d.exception}.heading`)
    return (
      <Layout l={l} brand={brand} preview={heading} heading={heading} preferencesUrl={d.preferencesUrl}>
        <Label>{l.t('exception.todo')}</Label>
        <P>{l.t(`exception.${d.exception}.action`, { carrier: d.carrierName, shop: brand.shopName })}</P>
        <ParcelDetails l={l} d={d} />
        <Action href={d.orderUrl} brand={brand}>
          {l.t('common.viewOrder')}
        </Action>
      </Layout>
    )
  },
}
