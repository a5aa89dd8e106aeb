// The delay scan: for every shop, the parcels whose status or delay level the buyer has not been told
// get their notice, in one statement per shop over the index of parcels with a notice due (see
// db/queries/notices.ts). The rules (which change sends which email, quiet hours in the buyer's zone,
// the remedies per level) come from app/domain/notices; the database applies them to every parcel at
// once. Levels themselves are assessed when scans arrive (poll or webhook) and stored on the parcel.
import { noticeRules, quietHoursSendAfter, FRESH_SCAN_HOURS } from '#app/domain/notices/plan'
import { readNoticeSettings } from '#app/domain/notices/settings'
import { validTimeZone } from '#app/i18n/locales'
import { db } from '#db/client'
import { scheduleOutboxDeliveries } from '#db/queries/notifications'
import { findNoticeSettings, listPendingNoticeZones, runNoticeScan } from '#db/queries/notices'
import { findShopById, listShopIds } from '#db/queries/shops'

const HOUR = 3_600_000
/** Parcels per statement: a huge backlog is taken in a few large bites instead of one giant one. */
export const SCAN_BATCH = 50_000

export interface ScanDelaysResult {
  shops: number
  marked: number
  queued: number
}

/** Scans one shop; returns what it marked and queued. */
export async function scanShopNotices(input: {
  shopId: string
  now: Date
}): Promise<Omit<ScanDelaysResult, 'shops'>> {
  const { shopId, now } = input
  const result = { marked: 0, queued: 0 }
  // The routine case: nothing due, one index probe, done.
  let zones = await listPendingNoticeZones(db, shopId)
  if (zones.length === 0) return result
  const [shop, stored] = await Promise.all([findShopById(db, shopId), findNoticeSettings(db, shopId)])
  if (!shop) return result
  const settings = readNoticeSettings(stored?.settings)
  const rules = noticeRules(settings)
  const shopZone = validTimeZone(shop.timezone) ?? 'UTC'
  const fallbackSendAfter = quietHoursSendAfter(now, shopZone, settings.quietHours)
  for (;;) {
    const zoneTimes = zones.flatMap((tz) => {
      const valid = validTimeZone(tz)
      return valid
        ? [{ timeZone: valid, sendAfter: quietHoursSendAfter(now, valid, settings.quietHours) }]
        : []
    })
    const r = await db.transaction().execute(async (trx) => {
      const scanned = await runNoticeScan(trx, {
        shopId,
        rules,
        zones: zoneTimes,
        fallbackSendAfter,
        freshSince: new Date(now.getTime() - FRESH_SCAN_HOURS * HOUR),
        defaultLocale: shop.default_locale,
        limit: SCAN_BATCH,
      })
      // One deliver-outbox job per moment mail may leave, in the same transaction as the rows.
      await scheduleOutboxDeliveries(trx, scanned.sendAfters)
      return scanned
    })
    result.marked += r.marked
    result.queued += r.queued
    if (r.marked < SCAN_BATCH) return result
    zones = await listPendingNoticeZones(db, shopId)
    if (zones.length === 0) return result
  }
}

/** Scans every shop. */
export async function scanDelays(input: { now: Date }): Promise<ScanDelaysResult> {
  const total: ScanDelaysResult = { shops: 0, marked: 0, queued: 0 }
  for (const { id } of await listShopIds(db)) {
    const r = await scanShopNotices({ shopId: id, now: input.now })
    total.shops++
    total.marked += r.marked
    total.queued += r.queued
  }
  return total
}
