import { Action, Facts, Layout, Link, P } from './layout'
import { CaseDetails } from './parts'
import type { CaseTemplate } from './template'

// The return label is ready. Emails load nothing from the web, so the QR code and the PDF stay on the
// buyer's request page behind its signed link; the email says how to send the parcel either way.
export const caseLabel: CaseTemplate = {
  subject: (l, d) => l.t('case-label.subject', { case: d.caseNumber }),
  Email: ({ l, d, brand }) => {
    const label = d.label
    const body = l.t('case-label.body', { case: d.caseNumber, order: d.orderNumber, shop: brand.shopName })
    const qrFirst = Boolean(label?.dropOff && label.hasQr)
    return (
      <Layout l={l} brand={brand} preview={body} heading={l.t('case-label.heading')}>
        <P>{body}</P>
        {label ? (
          <>
            <P strong>{l.t('case-label.how')}</P>
            {qrFirst ? (
              <>
                <P>{l.t('case-label.qr', { carrier: label.carrierName })}</P>
                <P>{l.t('case-label.printInstead')}</P>
              </>
            ) : (
              <>
                <P>{l.t('case-label.print', { carrier: label.carrierName })}</P>
                {label.hasQr ? <P>{l.t('case-label.qrToo')}</P> : null}
              </>
            )}
            <Action href={label.labelPageUrl} brand={brand}>
              {l.t(qrFirst ? 'case-label.openQr' : 'case-label.openLabel')}
            </Action>
            <P>
              <Link href={label.pdfUrl}>{l.t('case-label.downloadPdf')}</Link>
            </P>
            <Facts
              rows={[
                [l.t('common.carrier'), label.carrierName],
                [l.t('common.trackingNumber'), label.trackingNumber],
              ]}
            />
            {label.carrierUrl ? (
              <P>
                <Link href={label.carrierUrl}>
                  {l.t('common.carrierLink', { carrier: label.carrierName })}
                </Link>
              </P>
            ) : null}
          </>
        ) : (
          <Action href={d.caseUrl} brand={brand}>
            {l.t('common.viewCase')}
          </Action>
        )}
        <CaseDetails l={l} d={d} amount="expected" />
        <P>{l.t('case-label.after')}</P>
      </Layout>
    )
  },
}
