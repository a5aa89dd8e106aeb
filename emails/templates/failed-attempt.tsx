import { Action, Label, Layout, P } from './layout'
import { ParcelDetails } from './parts'
import type { DeliveryTemplate } from './template'

export const failedAttempt: DeliveryTemplate = {
  subject: (l, d) => l.t('failed-attempt.subject', { order: d.orderNumber }),
  Email: ({ l, d, brand }) => {
    const heading = l.t('failed-attempt.heading', { carrier: d.carrierName })
    return (
      <Layout l={l} brand={brand} preview={heading} heading={heading} preferencesUrl={d.preferencesUrl}>
        <P>{l.t('failed-attempt.body')}</P>
        <Label>{l.t('failed-attempt.todo')}</Label>
        <P>{l.t('failed-attempt.action', { carrier: d.carrierName })}</P>
        <ParcelDetails l={l} d={d} />
        <Action href={d.orderUrl} brand={brand}>
          {l.t('common.viewOrder')}
        </Action>
      </Layout>
    )
  },
}
