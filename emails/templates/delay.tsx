import { Action, Label, Layout, Link, P } from './layout'
import { ParcelDetails } from './parts'
import type { DeliveryTemplate } from './template'

export const delay: DeliveryTemplate = {
  subject: (l, d) => l.t('delay.subject', { order: d.orderNumber }),
  Email: ({ l, d, brand }) => {
    const reason = l.t(`delay.reason.${d.delayReason}`, { carrier: d.carrierName })
    return (
      <Layout
        l={l}
        brand={brand}
        preview={reason}
        heading={l.t('delay.heading')}
        preferencesUrl={d.preferencesUrl}
      >
        <P>{reason}</P>
        <P strong>{d.eta ? l.t('delay.newDate', { date: l.f.date(d.eta) }) : l.t('delay.noNewDate')}</P>
        {d.previousEta ? <P>{l.t('delay.wasDue', { date: l.f.date(d.previousEta) })}</P> : null}
        {d.remedyLinks.length ? (
          <>
            <Label>{l.t('delay.remedies')}</Label>
            {d.remedyLinks.map(({ remedy, url }) => (
              <P key={remedy}>
                <Link href={url}>{l.t(`remedy.${remedy}`)}</Link>
              </P>
            ))}
          </>
        ) : null}
        <ParcelDetails l={l} d={d} />
        <Action href={d.orderUrl} brand={brand}>
          {l.t('common.viewOrder')}
        </Action>
      </Layout>
    )
  },
}
