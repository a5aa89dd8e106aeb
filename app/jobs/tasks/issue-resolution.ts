// Issues one planned refund, store credit or coupon (queued in the transaction that approved the case).
// A provider error is rethrown by the service so graphile-worker retries with backoff.
import type { Task } from 'graphile-worker'
import { z } from 'zod'
import { issueResolution } from '#app/services/resolutions/issue-resolution.server'

const PayloadSchema = z.object({ shopId: z.string().uuid(), resolutionId: z.string().uuid() })

export const task: Task = async (payload, helpers) => {
  const { shopId, resolutionId } = PayloadSchema.parse(payload)
  const outcome = await issueResolution({
    shopId,
    resolutionId,
    maxAttempts: helpers.job.max_attempts,
    now: new Date(),
  })
  helpers.logger.info(`issue-resolution ${resolutionId}: ${outcome.kind}`)
}

export default task
