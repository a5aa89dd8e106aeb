import { Action, Facts, Layout, Link, P } from './layout'
import { CaseDetails } from './parts'
import type { CaseTemplate } from './template'

// The replacement of an exchange or reship has left the warehouse: which carrier, its tracking number
// and the link to follow it (the order page shows it too, as the replacement parcel of the case).
export const caseReplacement: CaseTemplate = {
  subject: (l, d) => l.t('case-replacement.subject', { case: d.caseNumber }),
  Email: ({ l, d, brand }) => {
    const parcel = d.replacement
    const body = l.t('case-replacement.body', {
      case: d.caseNumber,
      order: d.orderNumber,
      shop: brand.shopName,
    })
    return (
      <Layout l={l} brand={brand} preview={body} heading={l.t('case-replacement.heading')}>
        <P>{body}</P>
        {parcel ? (
          <>
            <Facts
              rows={[
                [l.t('common.carrier'), parcel.carrierName],
                [l.t('common.trackingNumber'), parcel.trackingNumber],
              ]}
            />
            {parcel.carrierUrl ? (
              <P>
                <Link href={parcel.carrierUrl}>
                  {l.t('common.carrierLink', { carrier: parcel.carrierName })}
                </Link>
              </P>
            ) : null}
          </>
        ) : null}
        <Action href={d.caseUrl} brand={brand}>
          {l.t('common.viewCase')}
        </Action>
        <CaseDetails l={l} d={d} amount="expected" />
      </Layout>
    )
  },
}
