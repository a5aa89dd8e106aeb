// A case's return parcel reached a moment (first carrier scan, delivery to the merchant, or its items
// inspected by staff): whatever the policy made wait for it is released now, its jobs queued in the
// caller's transaction, and the timeline says so.
import type { ReleaseMoment, ResolutionKind } from '#app/domain/resolutions/plan'
import type { Database } from '#db/client'
import * as cases from '#db/queries/cases'
import * as outbox from '#db/queries/notifications'
import * as resolutions from '#db/queries/resolutions'
import type { Transaction } from 'kysely'

export async function releaseResolutions(
  trx: Transaction<Database>,
  r: { shopId: string; caseId: string; reached: ReleaseMoment; at: Date },
): Promise<ResolutionKind[]> {
  const kinds = await resolutions.releaseWaitingResolutions(trx, {
    ...r,
    scheduleJob: await outbox.hasWorkerQueue(trx),
  })
  if (kinds.length > 0) {
    await cases.insertCaseEvent(trx, {
      shopId: r.shopId,
      caseId: r.caseId,
      type: 'resolutions_released',
      actor: 'system',
      details: { reached: r.reached, kinds },
      at: r.at,
    })
  }
  return kinds
}
