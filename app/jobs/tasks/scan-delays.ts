// Sends the delivery notices that are due: every parcel whose status or delay level its buyer has not
// been told. Runs every minute on the crontab and once at boot; the service does it in one statement per
// shop, and a run with nothing new costs one index probe per shop.
import type { Task } from 'graphile-worker'
import { z } from 'zod'
import { scanDelays } from '#app/services/notices/scan-delays.server'

const PayloadSchema = z.object({}).passthrough()

export const task: Task = async (payload, helpers) => {
  PayloadSchema.parse(payload ?? {})
  const r = await scanDelays({ now: new Date() })
  if (r.marked) helpers.logger.info(`scan-delays: ${r.marked} parcels changed, ${r.queued} notices queued`)
}

export default task
