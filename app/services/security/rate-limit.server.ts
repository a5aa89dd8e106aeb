// Sliding-window limits on failed attempts (order lookups, staff logins), counted in PostgreSQL so that
// every web server sees the same count.
import { db } from '#db/client'
import * as hits from '#db/queries/rate-limits'

export interface LimitRule {
  bucket: string
  /** Failures allowed per key within the window; the next attempt is refused. */
  limit: number
  windowMs: number
}

export type LimitCheck = { limited: false } | { limited: true; retryAt: Date }

/** Refused when any of the keys has reached the limit; `retryAt` is when the earliest counted hit expires. */
export async function checkRateLimit(
  rule: LimitRule,
  q: { shopId: string; keys: string[]; now: Date },
): Promise<LimitCheck> {
  const since = new Date(q.now.getTime() - rule.windowMs)
  const counts = await hits.countRecentHits(db, {
    shopId: q.shopId,
    bucket: rule.bucket,
    keys: q.keys,
    since,
  })
  let retryAt: Date | undefined
  for (const { count, oldest } of counts.values()) {
    if (count >= rule.limit) {
      const free = new Date(oldest.getTime() + rule.windowMs)
      if (!retryAt || free > retryAt) retryAt = free
    }
  }
  return retryAt ? { limited: true, retryAt } : { limited: false }
}

export async function recordFailure(rule: LimitRule, q: { shopId: string; keys: string[]; now: Date }) {
  await hits.insertHits(db, { shopId: q.shopId, bucket: rule.bucket, keys: q.keys, at: q.now })
  // Housekeeping on the write path keeps the table bounded without a separate job.
  if (Math.random() < 0.02)
    await hits.deleteHitsBefore(db, q.shopId, new Date(q.now.getTime() - 24 * 3_600_000))
}
