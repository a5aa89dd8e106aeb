// The staff case page's resolutions panel: everything the approved case delivers (refund, credit, coupon,
// label, replacement), each with its status in words, when it is released, the provider and its id, the
// tries, the last error in the provider's plain sentence, and what reconciliation found; "Try again" on a
// failed one and "Check with provider" for the case. Plain forms: it works without JavaScript.
import { Form } from '@remix-run/react'
import type { Formatter } from '#app/i18n/format'
import type { ResolutionPanelRow } from '#app/services/resolutions/resolutions-view.server'

export const RESOLUTION_INTENTS = ['retry-resolution', 'check-resolutions'] as const

export function ResolutionsPanel(props: {
  f: Formatter
  rows: readonly ResolutionPanelRow[]
  /** What the last retry or check said (success or refusal). */
  notice: { ok: boolean; message: string } | null
}) {
  const { f, rows, notice } = props
  if (rows.length === 0 && !notice) return null
  const checkable = rows.some((r) => r.amountMinor !== null && !['waiting', 'canceled'].includes(r.status))
  return (
    <section className="card" aria-labelledby="resolutions-h" data-testid="resolutions-panel">
      <h2 id="resolutions-h">Resolutions</h2>
      {notice ? (
        <div
          className={`alert ${notice.ok ? 'success' : 'error'}`}
          role={notice.ok ? 'status' : 'alert'}
          data-testid="resolutions-notice"
        >
          {notice.message}
        </div>
      ) : null}
      <ul className="resolution-list">
        {rows.map((r) => (
          <li key={r.id} data-testid={`resolution-${r.kind}`} data-status={r.status}>
            <div className="resolution-head">
              <h3>
                {r.what}
                {r.amountMinor !== null ? ` · ${f.money(r.amountMinor, r.currency)}` : ''}
              </h3>
              <span className={`pill tone-${r.tone}`} data-testid="resolution-status">
                {r.statusWords}
              </span>
            </div>
            <dl className="facts">
              <dt>Released</dt>
              <dd>
                {r.releaseWords}
                {r.releasedAt ? ` · ${f.dateTime(r.releasedAt)} UTC` : ' · not yet'}
              </dd>
              {r.provider ? (
                <>
                  <dt>Provider</dt>
                  <dd>
                    {r.provider}
                    {r.providerId ? (
                      <>
                        {' · '}
                        <code>{r.providerId}</code>
                      </>
                    ) : null}
                  </dd>
                </>
              ) : null}
              {r.code ? (
                <>
                  <dt>Code</dt>
                  <dd>
                    <code>{r.code}</code>
                  </dd>
                </>
              ) : null}
              {r.expiresAt ? (
                <>
                  <dt>Expires</dt>
                  <dd data-testid="resolution-expires">
                    {f.dateWithYear(r.expiresAt)}, {f.time(r.expiresAt)} UTC
                  </dd>
                </>
              ) : null}
              <dt>Tries</dt>
              <dd>
                {r.attempts} of {r.maxAttempts}
              </dd>
              {r.reconciledAt && !r.mismatch ? (
                <>
                  <dt>Checked with provider</dt>
                  <dd>matches · {f.dateTime(r.reconciledAt)} UTC</dd>
                </>
              ) : null}
            </dl>
            {r.lastError ? (
              <p
                className={`resolution-note ${r.status === 'failed' ? 'problem' : 'mismatch'}`}
                data-testid="resolution-error"
              >
                <strong>{r.status === 'failed' ? 'Why it failed: ' : 'Last error: '}</strong>
                {r.lastError}
              </p>
            ) : null}
            {r.mismatch ? (
              <p className="resolution-note mismatch" data-testid="resolution-mismatch">
                <strong>Differs from the provider: </strong>
                {r.mismatch}
              </p>
            ) : null}
            {r.retryNote ? <p className="small muted">{r.retryNote}</p> : null}
            {r.canRetry ? (
              <Form method="post" className="panel-actions">
                <input type="hidden" name="intent" value="retry-resolution" />
                <input type="hidden" name="resolutionId" value={r.id} />
                <button className="button" type="submit" data-testid={`retry-${r.kind}`}>
                  Try again
                </button>
              </Form>
            ) : null}
          </li>
        ))}
      </ul>
      {checkable ? (
        <Form method="post" className="panel-actions">
          <input type="hidden" name="intent" value="check-resolutions" />
          <button className="button secondary" type="submit" data-testid="check-resolutions">
            Check with provider
          </button>
        </Form>
      ) : null}
    </section>
  )
}
