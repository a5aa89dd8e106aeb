// The support case page's receiving blocks: each item's steps (received, inspected, restocked or disposed
// of, with a form for the step it may take next) and the money panel (what waits for its moment, with
// "Release now" behind a confirmation, and the decision staff owe when an inspection found a problem).
// Staff pages are in English. Forms post an `intent` handled by runReceivingStep.
import { Form } from '@remix-run/react'
import {
  CONDITION_LABEL,
  ITEM_CONDITIONS,
  decideItemStep,
  itemsComeBack,
  type ReceivingCase,
  type ReceivingItem,
} from '#app/domain/cases/receiving'
import type { Formatter } from '#app/i18n/format'
import type { CaseItemView, CaseView } from '#app/services/cases/case-view.server'

const MOMENT_WORDS = {
  approval: 'approval',
  first_scan: 'the parcel’s first carrier scan',
  delivered: 'the parcel’s delivery to the shop',
  inspected: 'the items’ inspection',
} as const

const KIND_WORDS = {
  refund: 'refund',
  store_credit: 'store credit',
  coupon: 'coupon',
  charge: 'price difference charge',
  return_label: 'return label',
  replacement: 'replacement',
} as const

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1)

function itemFacts(i: CaseItemView): ReceivingItem {
  return {
    keepItem: i.keepItem,
    receivedAt: i.receivedAt ? new Date(i.receivedAt) : null,
    inspectedAt: i.inspectedAt ? new Date(i.inspectedAt) : null,
    condition: i.condition,
    disposition: i.disposition,
  }
}

export function receivingCase(view: Pick<CaseView, 'state' | 'kind' | 'returnMethod'>): ReceivingCase {
  return { state: view.state, kind: view.kind, returnMethod: view.returnMethod }
}

/** Whether the items section shows receiving steps at all for this case. */
export function showsReceiving(view: Pick<CaseView, 'state' | 'kind' | 'returnMethod' | 'items'>): boolean {
  const c = receivingCase(view)
  if (!itemsComeBack(c)) return false
  return (
    view.items.some((i) => i.receivedAt) ||
    view.items.some((i) => decideItemStep(c, itemFacts(i), 'receive').kind === 'apply')
  )
}

/** "Mark all received", when more than one item that comes back is still to receive. */
export function ReceiveAll(props: { view: Pick<CaseView, 'state' | 'kind' | 'returnMethod' | 'items'> }) {
  const c = receivingCase(props.view)
  const open = props.view.items.filter((i) => decideItemStep(c, itemFacts(i), 'receive').kind === 'apply')
  if (open.length < 2) return null
  return (
    <Form method="post" className="receive-all">
      <input type="hidden" name="intent" value="receive_all" />
      <button className="button" type="submit" data-testid="receive-all">
        Mark all {open.length} received
      </button>
    </Form>
  )
}

/** One item's receiving record and the step it may take next. */
export function ItemSteps(props: {
  view: Pick<CaseView, 'state' | 'kind' | 'returnMethod'>
  item: CaseItemView
  f: Formatter
}) {
  const { item, f } = props
  const c = receivingCase(props.view)
  if (!itemsComeBack(c) || item.keepItem) return null
  const facts = itemFacts(item)
  const can = (step: 'receive' | 'inspect' | 'restock' | 'dispose') =>
    decideItemStep(c, facts, step).kind === 'apply'
  const problem = item.condition !== null && item.condition !== 'as_expected'
  const id = item.caseItemId
  return (
    <div className="item-steps" data-testid={`item-steps-${id}`}>
      <ul className="step-pills" aria-label="Receiving">
        <li className={item.receivedAt ? 'pill yes' : 'pill'} data-testid="step-received">
          {item.receivedAt ? `Received ${f.dateTime(item.receivedAt)}` : 'Not received yet'}
        </li>
        {item.receivedAt ? (
          <li
            className={item.inspectedAt ? (problem ? 'pill no' : 'pill yes') : 'pill'}
            data-testid="step-inspected"
          >
            {item.inspectedAt && item.condition
              ? `Inspected: ${CONDITION_LABEL[item.condition]}`
              : 'Not inspected yet'}
          </li>
        ) : null}
        {item.disposition ? (
          <li className="pill" data-testid="step-disposition">
            {item.disposition === 'restock' ? 'Restocked' : 'Disposed of'}
          </li>
        ) : null}
      </ul>
      {item.inspectionNote ? <p className="small muted">Inspection note: “{item.inspectionNote}”</p> : null}
      <div className="step-actions">
        {can('receive') ? (
          <Form method="post">
            <input type="hidden" name="intent" value="receive" />
            <input type="hidden" name="itemId" value={id} />
            <button className="button secondary small-button" type="submit" data-testid="receive-item">
              Mark received
            </button>
          </Form>
        ) : null}
        {can('restock') ? (
          <Form method="post">
            <input type="hidden" name="intent" value="restock" />
            <input type="hidden" name="itemId" value={id} />
            <button className="button secondary small-button" type="submit" data-testid="restock-item">
              Restock
            </button>
          </Form>
        ) : null}
        {can('dispose') ? (
          <Form method="post">
            <input type="hidden" name="intent" value="dispose" />
            <input type="hidden" name="itemId" value={id} />
            <button className="button secondary small-button" type="submit" data-testid="dispose-item">
              Dispose
            </button>
          </Form>
        ) : null}
      </div>
      {can('inspect') ? (
        <details className="alt inspect" data-testid="inspect-item">
          <summary>Inspect…</summary>
          <Form method="post">
            <input type="hidden" name="intent" value="inspect" />
            <input type="hidden" name="itemId" value={id} />
            <fieldset className="field">
              <legend>Condition</legend>
              <div className="condition-choices">
                {ITEM_CONDITIONS.map((cond) => (
                  <label key={cond} className="condition-choice">
                    <input
                      type="radio"
                      name="condition"
                      value={cond}
                      required
                      defaultChecked={cond === 'as_expected'}
                    />{' '}
                    {capital(CONDITION_LABEL[cond])}
                  </label>
                ))}
              </div>
            </fieldset>
            <div className="field">
              <label htmlFor={`note-${id}`}>Note (optional, staff only)</label>
              <textarea id={`note-${id}`} name="note" rows={2} maxLength={2000} />
            </div>
            <button className="button secondary" type="submit" data-testid="save-inspection">
              Save inspection
            </button>
          </Form>
        </details>
      ) : null}
    </div>
  )
}

/**
 * What waits for its moment, with "Release now" behind a confirmation; and, when an inspection found a
 * problem, the decision staff owe: release anyway, or decline with a reason the buyer reads.
 */
export function ReleasePanel(props: {
  view: Pick<CaseView, 'state' | 'waiting' | 'releaseHeld'>
  f: Formatter
}) {
  const { view, f } = props
  const waiting = view.waiting.filter((w) => w.kind !== 'return_label')
  const finished = ['rejected', 'canceled', 'closed', 'requested', 'needs_info'].includes(view.state)
  if (finished || (waiting.length === 0 && !view.releaseHeld)) return null
  const what = (w: (typeof waiting)[number]) =>
    `${KIND_WORDS[w.kind]}${w.amountMinor ? ` of ${f.money(w.amountMinor, w.currency)}` : ''}`
  const money = waiting.filter((w) => ['refund', 'store_credit', 'coupon'].includes(w.kind))
  return (
    <section className="card" aria-labelledby="release-h" data-testid="release-panel">
      <h2 id="release-h">Waiting to be released</h2>
      {view.releaseHeld ? (
        <div className="alert error" role="status" data-testid="inspection-problem">
          <p className="alert-title">Inspection found a problem</p>
          <p>
            Nothing is released automatically for this case. Release it anyway, or decline the refund with a
            reason the buyer reads.
          </p>
          <div className="actions">
            {waiting.length ? (
              <details className="alt">
                <summary data-testid="release-anyway-open">Release anyway…</summary>
                <Form method="post">
                  <input type="hidden" name="intent" value="release_all" />
                  <p>
                    Release the {waiting.map(what).join(' and the ')} now, despite the inspection? This cannot
                    be undone.
                  </p>
                  <button className="button" type="submit" data-testid="release-anyway">
                    Yes, release it now
                  </button>
                </Form>
              </details>
            ) : null}
            {money.length ? (
              <details className="alt">
                <summary data-testid="decline-open">Decline the refund…</summary>
                <Form method="post">
                  <input type="hidden" name="intent" value="decline" />
                  <div className="field">
                    <label htmlFor="decline-reason">Reason (the buyer reads this)</label>
                    <textarea id="decline-reason" name="reason" rows={3} maxLength={2000} required />
                  </div>
                  <button className="button secondary" type="submit" data-testid="decline">
                    Decline the {money.map(what).join(' and the ')}
                  </button>
                </Form>
              </details>
            ) : null}
          </div>
        </div>
      ) : null}
      {waiting.length ? (
        <ul className="plain-list waiting-list">
          {waiting.map((w) => (
            <li key={w.id} data-testid={`waiting-${w.kind}`}>
              <p>
                <strong>{capital(what(w))}</strong>{' '}
                <span className="muted">· waits for {MOMENT_WORDS[w.releaseOn]}</span>
              </p>
              {view.releaseHeld ? null : (
                <details className="alt">
                  <summary data-testid={`release-open-${w.kind}`}>Release now…</summary>
                  <Form method="post">
                    <input type="hidden" name="intent" value="release" />
                    <input type="hidden" name="resolutionId" value={w.id} />
                    <p>
                      Release the {what(w)} now, before {MOMENT_WORDS[w.releaseOn]}? It is issued at once and
                      cannot be taken back.
                    </p>
                    <button className="button" type="submit" data-testid={`release-${w.kind}`}>
                      Yes, release now
                    </button>
                  </Form>
                </details>
              )}
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  )
}
