import { db } from '#db/client'
import * as orders from '#db/queries/orders'
import * as shipments from '#db/queries/shipments'
import { carrierProfile } from '#app/domain/tracking/carriers'
import { DELAY_SEVERITY, type DelayLevel } from '#app/domain/tracking/delay'
import { createBuyerToken } from '#app/services/buyer/access-token.server'

export const STAFF_VIEW_TTL_MS = 60 * 60_000

/** The admin's overview: orders, parcels by state, and the newest orders with their worst parcel. */
export async function getShopOverview(input: { shopId: string; now: Date }) {
  const [orderCount, inTrouble, byLevel, byStatus, recent] = await Promise.all([
    orders.countOrders(db, input.shopId),
    shipments.countShipmentsNeedingAttention(db, input.shopId),
    shipments.countActiveShipmentsByLevel(db, input.shopId),
    shipments.countShipmentsByStatus(db, input.shopId),
    orders.listRecentOrders(db, { shopId: input.shopId, limit: 25 }),
  ])
  const active = Object.values(byLevel).reduce((a, b) => a + (b ?? 0), 0)
  return {
    orderCount,
    activeParcels: active,
    inTrouble,
    delivered: byStatus.delivered ?? 0,
    byLevel,
    recent: recent.map((o) => ({
      number: o.number,
      customer: o.customer_name,
      email: o.email,
      locale: o.locale,
      currency: o.currency,
      totalMinor: o.total_minor,
      placedAt: o.placed_at.toISOString(),
      fulfillment: o.fulfillment_status,
      parcels: Number(o.parcels),
      worstLevel: (o.levels ?? []).reduce<DelayLevel>(
        (w, l) => (DELAY_SEVERITY[l as DelayLevel] > DELAY_SEVERITY[w] ? (l as DelayLevel) : w),
        'on_time',
      ),
      buyerView: `/track/${createBuyerToken({ shopId: input.shopId, orderId: o.id }, input.now, STAFF_VIEW_TTL_MS)}`,
    })),
  }
}

/** Support's list of parcels in trouble, each with a link to the page the buyer sees. */
export async function listParcelsNeedingAttention(input: { shopId: string; now: Date }) {
  const rows = await shipments.listShipmentsNeedingAttention(db, { shopId: input.shopId, limit: 200 })
  return rows.map((r) => ({
    id: r.id,
    orderNumber: r.order_number,
    customer: r.customer_name,
    email: r.email,
    carrierName: carrierProfile(r.carrier).name,
    trackingNumber: r.tracking_number,
    status: r.status,
    statusDetail: r.status_detail,
    level: r.delay_level as DelayLevel,
    reason: r.delay_reason,
    lastEventAt: r.last_event_at?.toISOString() ?? null,
    levelSince: r.delay_level_changed_at?.toISOString() ?? null,
    buyerView: `/track/${createBuyerToken({ shopId: input.shopId, orderId: r.order_id }, input.now, STAFF_VIEW_TTL_MS)}`,
  }))
}
