// A case's return label on the buyer's case page and the staff case page: coming, failed, or ready with
// the carrier, the tracking number (linked to the carrier), the PDF to print, the drop-off QR code and
// the return parcel's scans. Staff also see why a label failed and, with the sandbox carrier, a button
// that brings the parcel's next scan forward.
import { Form } from '@remix-run/react'
import type { Formatter } from '#app/i18n/format'
import type { TFunction } from '#app/i18n/t'
import type { ReturnLabelView } from '#app/services/resolutions/return-label-view.server'

export function ReturnLabelPanel(props: {
  t: TFunction
  f: Formatter
  caseNumber: string
  view: ReturnLabelView
  /** Where the files are: `/track/<token>/case/R-1001` or `/support/cases/R-1001`. */
  filesBase: string
  showQr: boolean
  staff?: { notice: { ok: boolean; message: string } | null }
}) {
  const { t, f, view } = props
  const label = view.label
  return (
    <section
      className="card"
      id="return-label"
      aria-labelledby="return-label-h"
      data-testid="return-label"
      data-state={view.state}
    >
      <h2 id="return-label-h">{props.staff ? 'Return label' : t('case.label.heading')}</h2>
      {view.state === 'coming' ? <p>{t('case.label.coming')}</p> : null}
      {view.state === 'failed' ? (
        <div className="alert warning" role="status">
          <p>{t('case.label.failed')}</p>
          {view.failureMessage ? <p data-testid="return-label-failure">{view.failureMessage}</p> : null}
        </div>
      ) : null}
      {label ? (
        <>
          <dl className="facts">
            <dt>{t('case.label.carrier')}</dt>
            <dd>
              {label.carrierName}
              {label.service ? ` · ${label.service}` : ''}
              {props.staff && label.rate ? ` · ${f.money(label.rate.amountMinor, label.rate.currency)}` : ''}
            </dd>
            <dt>{t('parcel.trackingNumber')}</dt>
            <dd>
              <span className="mono" data-testid="return-tracking-number">
                {label.trackingNumber}
              </span>
              {label.trackingUrl ? (
                <>
                  {' · '}
                  <a href={label.trackingUrl} target="_blank" rel="noopener noreferrer">
                    {t('parcel.carrierLink', { carrier: label.carrierName })}
                    <span className="visually-hidden">{` ${t('parcel.carrierLinkNewTab')}`}</span>
                  </a>
                </>
              ) : null}
            </dd>
          </dl>
          <p>
            <a
              className="button"
              href={`${props.filesBase}/label.pdf`}
              target="_blank"
              rel="noopener"
              data-testid="return-label-pdf"
            >
              {t('case.label.download')}
            </a>
          </p>
          <p className="small muted">{t('case.label.printHint')}</p>
          {label.hasQr && props.showQr ? (
            <div className="qr-block">
              <h3 className="h4">{t('case.label.qrHeading')}</h3>
              <img
                src={`${props.filesBase}/qr.png`}
                width={160}
                height={160}
                alt={t('case.label.qrAlt', { number: props.caseNumber })}
                data-testid="return-label-qr"
              />
              <p className="small muted">{t('case.label.qrHint')}</p>
            </div>
          ) : null}
          {view.parcel ? (
            <>
              <h3 className="h4">{t('case.label.parcel')}</h3>
              {view.parcel.events.length ? (
                <ol className="timeline plain-list" data-testid="return-parcel-events">
                  {view.parcel.events.map((e) => (
                    <li key={`${e.occurredAt}-${e.status}`}>
                      <strong>{t(`status.${e.status}`)}</strong>{' '}
                      <span className="muted small">
                        {f.dateTime(e.occurredAt)}
                        {e.location ? ` · ${e.location}` : ''}
                      </span>
                    </li>
                  ))}
                </ol>
              ) : (
                <p className="muted" data-testid="return-parcel-events">
                  {t('case.label.noScans')}
                </p>
              )}
            </>
          ) : null}
        </>
      ) : null}
      {props.staff ? (
        <>
          {props.staff.notice ? (
            <div
              className={`alert ${props.staff.notice.ok ? 'success' : 'error'}`}
              role="status"
              data-testid="sandbox-scan-notice"
            >
              {props.staff.notice.message}
            </div>
          ) : null}
          {view.canSimulateScan ? (
            <Form method="post" className="actions">
              <input type="hidden" name="intent" value="sandbox-scan" />
              <button className="button secondary" type="submit" data-testid="sandbox-scan">
                Sandbox carrier: scan the parcel now
              </button>
              <span className="small muted">
                Demo only: the parcel’s next scripted scan happens at once instead of at its time.
              </span>
            </Form>
          ) : null}
        </>
      ) : null}
    </section>
  )
}
