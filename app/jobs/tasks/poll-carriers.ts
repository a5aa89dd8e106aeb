// Refreshes parcels that are still moving from their carrier, a batch at a time. Runs on the crontab
// and once at boot; the service decides which parcels are due and appends only new scans.
import type { Task } from 'graphile-worker'
import { z } from 'zod'
import { refreshDueShipments } from '#app/services/tracking/refresh-shipments.server'

const PayloadSchema = z.object({ limit: z.number().int().positive().max(5000).optional() }).passthrough()

export const task: Task = async (payload, helpers) => {
  const { limit } = PayloadSchema.parse(payload ?? {})
  const result = await refreshDueShipments({ now: new Date(), limit: limit ?? 500 })
  helpers.logger.info(
    `poll-carriers: ${result.polled} polled, ${result.newEvents} new scans, ${result.failed} failed`,
  )
}

export default task
