// A case's headline (where it stands and what happens next, in plain words) and its timeline, shared by
// the buyer's case page and the support case page so both read the same story.
import type { Formatter } from '#app/i18n/format'
import { hasMessage, type MessageKey, type TFunction } from '#app/i18n/t'
import type { CaseEventView, CaseView } from '#app/services/cases/case-view.server'

/** "We will review it by Tue, 3 March." and the like: the next step and its date. */
export function caseHeadline(
  t: TFunction,
  f: Formatter,
  view: Pick<CaseView, 'next' | 'nextBy' | 'returnMethod' | 'state'>,
) {
  const date = view.nextBy ? f.date(view.nextBy) : ''
  if (view.next === 'send_items' && view.returnMethod === 'drop_off')
    return t('case.next.send_items_drop_off')
  if (view.next === 'none') return t(`case.next.none.${view.state}` as MessageKey)
  return t(`case.next.${view.next}` as MessageKey, { date })
}

/**
 * The timeline label of an event type, in the words of what it is about when it has its own (a failed
 * return label or replacement is not "the payment"); a type this version does not know reads as "Update".
 */
function eventKey(type: string, resolutionKind: string | null): MessageKey {
  const own = resolutionKind ? `event.${type}.${resolutionKind}` : null
  if (own && hasMessage(own)) return own
  const key = `event.${type}`
  return hasMessage(key) ? key : 'event.other'
}

export function CaseTimeline(props: {
  t: TFunction
  f: Formatter
  events: readonly CaseEventView[]
  audience: 'buyer' | 'staff'
}) {
  const { t, f, events } = props
  return (
    <ol className="timeline" data-testid="case-timeline">
      {[...events].reverse().map((e) => {
        const who =
          e.actor === 'buyer'
            ? props.audience === 'staff'
              ? 'Buyer'
              : t('actor.buyer')
            : e.actor === 'system'
              ? t('actor.system')
              : props.audience === 'staff' && e.staffName
                ? e.staffName
                : t('actor.staff')
        return (
          <li key={e.id} data-type={e.type}>
            <div className="when">
              <time dateTime={e.at}>{f.dateTime(e.at)}</time> · {who}
            </div>
            <div className="what">{t(eventKey(e.type, e.resolutionKind))}</div>
            {e.message ? <p className="raw">“{e.message}”</p> : null}
            {e.photos ? <p className="raw">{t('event.photos', { count: e.photos })}</p> : null}
            {props.audience === 'staff' && Array.isArray(e.details.blockers) && e.details.blockers.length ? (
              <p className="raw">{(e.details.blockers as string[]).join(', ')}</p>
            ) : null}
            {props.audience === 'staff' && typeof e.details.sentence === 'string' ? (
              <p className="raw">{e.details.sentence}</p>
            ) : null}
          </li>
        )
      })}
    </ol>
  )
}
