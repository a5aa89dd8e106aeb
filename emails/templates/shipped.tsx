import { Action, Layout, P } from './layout'
import { ParcelDetails } from './parts'
import type { DeliveryTemplate } from './template'

export const shipped: DeliveryTemplate = {
  subject: (l, d) => l.t('shipped.subject', { order: d.orderNumber }),
  Email: ({ l, d, brand }) => {
    const body = l.t('shipped.body', { carrier: d.carrierName, order: d.orderNumber })
    return (
      <Layout
        l={l}
        brand={brand}
        preview={body}
        heading={l.t('shipped.heading')}
        preferencesUrl={d.preferencesUrl}
      >
        <P>{body}</P>
        <ParcelDetails l={l} d={d} eta />
        <Action href={d.orderUrl} brand={brand}>
          {l.t('common.viewOrder')}
        </Action>
      </Layout>
    )
  },
}
