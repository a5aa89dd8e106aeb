// Sends what the outbox holds. Queued by every new notification (in the writer's transaction, one job
// key for a burst) and every minute by the crontab, which also picks up retries whose backoff is over.
import type { Task } from 'graphile-worker'
import { z } from 'zod'
import { deliverOutbox } from '#app/services/mail/deliver-outbox.server'

const PayloadSchema = z.object({}).passthrough()

export const task: Task = async (payload, helpers) => {
  PayloadSchema.parse(payload ?? {})
  const r = await deliverOutbox({ now: new Date() })
  if (r.claimed) {
    helpers.logger.info(
      `deliver-outbox: ${r.sent} sent, ${r.retrying} to retry, ${r.failed} failed, ${r.suppressed} suppressed, ${r.released} released`,
    )
  }
}

export default task
