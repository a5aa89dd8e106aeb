// Which email a change in a parcel's life sends, and when. A parcel's notice is due when its status or
// delay level differs from what the buyer was last told. A new status the buyer can act on or wants to
// know (shipped, out for delivery, delivered, failed attempt, exception, returned) sends its own email,
// but only while the scan is fresh: a delivery from last week is not news. A new delay level (likely
// late, late, stalled, lost) sends a delay notice with the remedies the shop offers at that level,
// however old the last scan is, since silence is the news. When both change at once the status email
// wins (a failed attempt says more than "at risk"), except "shipped": a parcel that is already late or
// likely late when it first moves gets the delay notice, which says it is on its way too. Back on time
// sends nothing. Each notice has a
// dedupe key `notice:<shipmentId>:<status-or-level>`, so one parcel gets at most one email per status
// and per level, however often the scan runs. Quiet hours hold a notice until the buyer's morning.
import { DELAY_LEVELS, type DelayLevel } from '../tracking/delay'
import { TRACKING_STATUSES, type TrackingStatus } from '../tracking/status'
import {
  DELAY_NOTICE_LEVELS,
  type DelayNoticeLevel,
  type NoticeEvent,
  type NoticeRemedy,
  type NoticeSettings,
  type QuietHours,
} from './settings'

export type NoticeTemplate =
  | 'shipped'
  | 'out-for-delivery'
  | 'delivered'
  | 'failed-attempt'
  | 'delay'
  | 'exception'
  | 'returned-to-sender'

/** A status email is news only while its scan is this recent. */
export const FRESH_SCAN_HOURS = 72

export interface NoticeChange {
  status: TrackingStatus
  level: DelayLevel
  statusChanged: boolean
  levelChanged: boolean
  /** The last scan is within FRESH_SCAN_HOURS (or there is none). */
  freshScan: boolean
}

export interface PlannedNotice {
  template: NoticeTemplate
  /** The status or level the notice is about: the last part of its dedupe key. */
  key: string
  remedies: NoticeRemedy[]
}

const STATUS_NOTICES: Partial<Record<TrackingStatus, { template: NoticeTemplate; event: NoticeEvent }>> = {
  in_transit: { template: 'shipped', event: 'shipped' },
  out_for_delivery: { template: 'out-for-delivery', event: 'out_for_delivery' },
  delivered: { template: 'delivered', event: 'delivered' },
  failed_attempt: { template: 'failed-attempt', event: 'failed_attempt' },
  exception: { template: 'exception', event: 'exception' },
  returned_to_sender: { template: 'returned-to-sender', event: 'returned_to_sender' },
}

const isDelayNoticeLevel = (l: DelayLevel): l is DelayNoticeLevel =>
  (DELAY_NOTICE_LEVELS as readonly string[]).includes(l)

/** The notice a change sends under the shop's settings, or null. */
export function planNotice(change: NoticeChange, settings: NoticeSettings): PlannedNotice | null {
  const { status } = change
  const delay = delayNotice(change, settings)
  // "Shipped" is the one status email a delay outranks: a delay notice says it is on its way too.
  if (delay && status === 'in_transit') return delay
  if (change.statusChanged && change.freshScan) {
    const s = STATUS_NOTICES[status]
    if (s && settings.events[s.event]) return { template: s.template, key: status, remedies: [] }
  }
  return delay
}

function delayNotice(change: NoticeChange, settings: NoticeSettings): PlannedNotice | null {
  const { status, level } = change
  if (!change.levelChanged) return null
  // Levels whose story a status email tells (or told): the buyer hears it once, from that email.
  if (level === 'exception' || (level === 'at_risk' && status === 'failed_attempt')) return null
  if (!isDelayNoticeLevel(level) || !settings.events.delay) return null
  return { template: 'delay', key: level, remedies: [...settings.remedies[level]] }
}

export interface NoticeRule extends NoticeChange, PlannedNotice {}

/**
 * Every change that sends a notice, as a table: the delay scan joins pending parcels to it in one
 * statement, so the rules stay here and the database applies them to every parcel at once.
 */
export function noticeRules(settings: NoticeSettings): NoticeRule[] {
  const rules: NoticeRule[] = []
  for (const status of TRACKING_STATUSES)
    for (const level of DELAY_LEVELS)
      for (const statusChanged of [true, false])
        for (const levelChanged of [true, false])
          for (const freshScan of [true, false]) {
            if (!statusChanged && !levelChanged) continue
            const change = { status, level, statusChanged, levelChanged, freshScan }
            const notice = planNotice(change, settings)
            if (notice) rules.push({ ...change, ...notice })
          }
  return rules
}

export function noticeDedupeKey(shipmentId: string, key: string): string {
  return `notice:${shipmentId}:${key}`
}

const formatters = new Map<string, Intl.DateTimeFormat>()

function wallClock(at: Date, timeZone: string) {
  let f = formatters.get(timeZone)
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    })
    formatters.set(timeZone, f)
  }
  const parts: Record<string, number> = {}
  for (const p of f.formatToParts(at)) if (p.type !== 'literal') parts[p.type] = Number(p.value)
  return parts as { year: number; month: number; day: number; hour: number; minute: number; second: number }
}

/** Milliseconds the zone is ahead of UTC at `at`. */
function offsetMs(at: Date, timeZone: string): number {
  const w = wallClock(at, timeZone)
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second)
  return asUtc - Math.floor(at.getTime() / 1000) * 1000
}

function inWindow(hour: number, q: QuietHours): boolean {
  return q.startHour < q.endHour
    ? hour >= q.startHour && hour < q.endHour
    : hour >= q.startHour || hour < q.endHour
}

/**
 * When a notice may leave: now, or, inside the quiet hours of the buyer's zone, the moment they end
 * (local `endHour`:00, today or tomorrow). An unknown zone throws; callers fall back to the shop's zone.
 */
export function quietHoursSendAfter(now: Date, timeZone: string, quiet: QuietHours | null): Date {
  if (!quiet) return now
  const w = wallClock(now, timeZone)
  if (!inWindow(w.hour, quiet)) return now
  const addDay = w.hour >= quiet.endHour ? 1 : 0
  const localTarget = Date.UTC(w.year, w.month - 1, w.day + addDay, quiet.endHour, 0, 0)
  // The zone's offset at the target may differ from now's (a DST change overnight): take it there.
  let at = localTarget - offsetMs(now, timeZone)
  at = localTarget - offsetMs(new Date(at), timeZone)
  return new Date(Math.max(at, now.getTime()))
}
