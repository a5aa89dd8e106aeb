import { Action, Layout, P } from './layout'
import { ParcelDetails } from './parts'
import type { DeliveryTemplate } from './template'

export const delivered: DeliveryTemplate = {
  subject: (l, d) => l.t('delivered.subject', { order: d.orderNumber }),
  Email: ({ l, d, brand }) => {
    const body = d.deliveredAt
      ? l.t('delivered.body', { carrier: d.carrierName, date: l.f.dateWithYear(d.deliveredAt) })
      : l.t('delivered.bodyNoDate', { carrier: d.carrierName })
    return (
      <Layout
        l={l}
        brand={brand}
        preview={body}
        heading={l.t('delivered.heading')}
        preferencesUrl={d.preferencesUrl}
      >
        <P>{body}</P>
        <ParcelDetails l={l} d={d} />
        <P>{l.t('delivered.notFound')}</P>
        <Action href={d.orderUrl} brand={brand}>
          {l.t('common.viewOrder')}
        </Action>
      </Layout>
    )
  },
}
