import { readNoticeSettings, withThresholds } from '#app/domain/notices/settings'
import { db } from '#db/client'
import { findOrderTrackingData, type OrderTrackingData } from '#db/queries/orders'
import { formatOrderNumber } from '#app/domain/orders/order-number'
import { carrierProfile, carrierTrackingUrl } from '#app/domain/tracking/carriers'
import { assessDelay, DELAY_SEVERITY, type DelayLevel, type DelayReason } from '#app/domain/tracking/delay'
import { computeProgress, type Progress } from '#app/domain/tracking/progress'
import type { ExceptionReason, TrackingStatus } from '#app/domain/tracking/status'
import { validTimeZone } from '#app/i18n/locales'

export interface ItemView {
  lineItemId: string
  title: string
  variantTitle: string | null
  quantity: number
  imageUrl: string | null
}

export interface EventView {
  at: string
  status: TrackingStatus
  detail: ExceptionReason | null
  description: string
  location: string | null
}

export interface ParcelView {
  id: string
  /** The replacement parcel of a case ('R-1042'): an exchange or a reship; null for the order's own. */
  replacementFor: string | null
  carrier: string
  carrierName: string
  trackingNumber: string
  trackingUrl: string | null
  status: TrackingStatus
  statusDetail: ExceptionReason | null
  progress: Progress
  delay: {
    level: DelayLevel
    reason: DelayReason
    detail: ExceptionReason | null
    expectedBy: string | null
    newDate: string | null
    silentSince: string | null
    escalatesAt: string | null
  }
  originalEta: string | null
  currentEta: string | null
  deliveredAt: string | null
  lastEventAt: string | null
  lastLocation: string | null
  events: EventView[]
  items: ItemView[]
}

export interface OrderTrackingView {
  shop: { name: string; brandColor: string; supportEmail: string | null }
  order: { number: string; placedAt: string; shipTo: string; firstName: string }
  timeZone: string
  parcels: ParcelView[]
  notShipped: ItemView[]
  /** The worst delay level over the parcels still moving (or on_time). */
  worstLevel: DelayLevel
  allDelivered: boolean
  /** Returns and problem reports opened on the order, newest first. */
  cases: {
    number: string
    kind: 'return' | 'complaint'
    complaintKind: string | null
    state: string
    createdAt: string
  }[]
}

const iso = (d: Date | null) => (d ? d.toISOString() : null)

/**
 * The buyer's order page: every parcel with its live status, progress, delay assessment at `now` and
 * timeline, plus the items not shipped yet. One database round trip. Null when the order is not this
 * shop's.
 */
export async function getOrderTracking(input: {
  shopId: string
  orderId: string
  now: Date
  /** The buyer's browser zone, when known (cookie); else the order's delivery zone. */
  timeZoneHint?: string | null
}): Promise<OrderTrackingView | null> {
  const data = await findOrderTrackingData(db, input.shopId, input.orderId)
  if (!data) return null
  return toView(
    data,
    input.now,
    validTimeZone(input.timeZoneHint) ?? validTimeZone(data.buyer_timezone) ?? data.shop_timezone,
  )
}

function toView(data: OrderTrackingData, now: Date, timeZone: string): OrderTrackingView {
  const lineById = new Map(data.line_items.map((li) => [li.id, li]))
  const shippedQty = new Map<string, number>()

  const notices = readNoticeSettings(data.notice_settings)
  const parcels = data.shipments.map((s): ParcelView => {
    const profile = carrierProfile(s.carrier)
    const status = s.status as TrackingStatus
    const statusDetail = s.status_detail as ExceptionReason | null
    const delay = assessDelay({
      state: { status, statusDetail, lastEventAt: s.last_event_at },
      shippedAt: s.shipped_at,
      promisedBy: s.promised_by ?? (data.promised_by ? new Date(data.promised_by) : null),
      originalEta: s.original_eta,
      currentEta: s.current_eta,
      profile: withThresholds(profile, notices.thresholds),
      predictedEta: s.predicted_eta,
      likelyLateWithinHours: notices.thresholds.likelyLateWithinHours,
      now,
    })
    const events = s.events.map((e) => ({
      at: e.occurred_at,
      status: e.status as TrackingStatus,
      detail: e.status_detail as ExceptionReason | null,
      description: e.description,
      location: e.location,
    }))
    for (const it of s.items)
      shippedQty.set(it.line_item_id, (shippedQty.get(it.line_item_id) ?? 0) + it.quantity)
    return {
      id: s.id,
      replacementFor: s.replacement_case_number == null ? null : `R-${s.replacement_case_number}`,
      carrier: s.carrier,
      carrierName: profile.name,
      trackingNumber: s.tracking_number,
      trackingUrl: carrierTrackingUrl(s.carrier, s.tracking_number),
      status,
      statusDetail,
      progress: computeProgress(status, events),
      delay: {
        level: delay.level,
        reason: delay.reason,
        detail: delay.detail,
        expectedBy: iso(delay.expectedBy),
        newDate: iso(delay.newDate),
        silentSince: iso(delay.silentSince),
        escalatesAt: iso(delay.escalatesAt),
      },
      originalEta: iso(s.original_eta),
      currentEta: iso(s.current_eta),
      deliveredAt: iso(s.delivered_at),
      lastEventAt: iso(s.last_event_at),
      lastLocation: events.find((e) => e.location)?.location ?? null,
      events,
      items: s.items.flatMap((it) => {
        const li = lineById.get(it.line_item_id)
        return li
          ? [
              {
                lineItemId: li.id,
                title: li.title,
                variantTitle: li.variant_title,
                quantity: it.quantity,
                imageUrl: li.image_url,
              },
            ]
          : []
      }),
    }
  })

  const notShipped = data.line_items.flatMap((li) => {
    const left = li.quantity - (shippedQty.get(li.id) ?? 0)
    return left > 0
      ? [
          {
            lineItemId: li.id,
            title: li.title,
            variantTitle: li.variant_title,
            quantity: left,
            imageUrl: li.image_url,
          },
        ]
      : []
  })

  const worstLevel = parcels.reduce<DelayLevel>(
    (worst, p) => (DELAY_SEVERITY[p.delay.level] > DELAY_SEVERITY[worst] ? p.delay.level : worst),
    'on_time',
  )
  const address = data.shipping_address
  return {
    shop: { name: data.shop_name, brandColor: data.brand_color, supportEmail: data.support_email },
    order: {
      number: formatOrderNumber(data.number),
      placedAt: data.placed_at.toISOString(),
      shipTo: [address.city, address.countryCode].filter(Boolean).join(', '),
      firstName: data.customer_name.split(' ')[0] ?? data.customer_name,
    },
    timeZone,
    parcels,
    notShipped,
    worstLevel,
    allDelivered:
      parcels.length > 0 && notShipped.length === 0 && parcels.every((p) => p.status === 'delivered'),
    cases: data.cases.map((c) => ({
      number: `R-${c.number}`,
      kind: c.kind as 'return' | 'complaint',
      complaintKind: c.complaint_kind,
      state: c.state,
      createdAt: new Date(c.created_at).toISOString(),
    })),
  }
}
