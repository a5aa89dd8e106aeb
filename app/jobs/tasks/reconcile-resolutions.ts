// Compares the money we issued with what the payment provider holds, for every shop, and flags any
// difference on its case (see the reconcile service). Hourly on the crontab; a run also queues again the
// resolutions whose issuing job was lost with a worker that died.
import type { Task } from 'graphile-worker'
import { z } from 'zod'
import { reconcileAllShops } from '#app/services/resolutions/reconcile.server'

const PayloadSchema = z.object({}).passthrough()

export const task: Task = async (payload, helpers) => {
  PayloadSchema.parse(payload ?? {})
  const s = await reconcileAllShops(new Date())
  helpers.logger.info(
    `reconcile-resolutions: ${s.checked} checked, ${s.matched} match, ${s.advanced} updated, ` +
      `${s.mismatched} differ, ${s.requeued} queued again, ${s.errors.length} could not be checked`,
  )
}

export default task
