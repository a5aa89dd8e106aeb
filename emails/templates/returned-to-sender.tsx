import { Action, Layout, P } from './layout'
import { ParcelDetails } from './parts'
import type { DeliveryTemplate } from './template'

export const returnedToSender: DeliveryTemplate = {
  subject: (l, d, brand) => l.t('returned-to-sender.subject', { order: d.orderNumber, shop: brand.shopName }),
  Email: ({ l, d, brand }) => {
    const body = l.t('returned-to-sender.body', { carrier: d.carrierName, shop: brand.shopName })
    return (
      <Layout
        l={l}
        brand={brand}
        preview={body}
        heading={l.t('returned-to-sender.heading', { shop: brand.shopName })}
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
