import { Action, Layout, P } from './layout'
import { ParcelDetails } from './parts'
import type { DeliveryTemplate } from './template'

export const outForDelivery: DeliveryTemplate = {
  subject: (l, d) => l.t('out-for-delivery.subject', { order: d.orderNumber }),
  Email: ({ l, d, brand }) => {
    const body = l.t('out-for-delivery.body', { carrier: d.carrierName, order: d.orderNumber })
    return (
      <Layout
        l={l}
        brand={brand}
        preview={body}
        heading={l.t('out-for-delivery.heading')}
        preferencesUrl={d.preferencesUrl}
      >
        <P>{body}</P>
        <ParcelDetails l={l} d={d} />
        <Action href={d.orderUrl} brand={brand}>
          {l.t('common.viewOrder')}
        </Action>
      </Layout>
    )
  },
}
