// Staff press "Issue return label" on an approved case: a real label is made now, not just a state
// change. The case's return_label resolution is planned if it has none (a case approved before labels
// existed) or tried again if it failed (after the merchant fixed the return address, say: a new request
// to the carrier, while a label bought under an earlier one is still found and used), then issued right
// away through the same issueResolution as the job, under the same row lock, so a job running at the same
// moment and this request make one label between them. Whatever the carrier answers, the page says it.
import { nextCaseState, type CaseState } from '#app/domain/cases/case-state'
import { resolutionIdempotencyKey } from '#app/domain/resolutions/plan'
import { db } from '#db/client'
import * as cases from '#db/queries/cases'
import * as outbox from '#db/queries/notifications'
import * as resolutionRows from '#db/queries/resolutions'
import { issueResolution } from './issue-resolution.server'
import { labelGeneration } from './issue-return-label.server'

export type IssueLabelResult =
  | { ok: true; state: CaseState; changed: boolean }
  | {
      ok: false
      code: 'not_found' | 'invalid_transition' | 'label_failed' | 'label_pending'
      message: string
    }

export async function issueLabelAsStaff(input: {
  shopId: string
  staffId: string
  caseNumber: number
  now: Date
}): Promise<IssueLabelResult> {
  const { shopId, now } = input
  const prepared = await db.transaction().execute(async (trx) => {
    const c = await cases.lockCaseForUpdate(trx, shopId, input.caseNumber)
    if (!c) return { ok: false as const, code: 'not_found' as const, message: 'There is no such case.' }
    const decision = nextCaseState(c.state as CaseState, 'issue_label', 'staff')
    if (decision.kind === 'invalid') {
      return { ok: false as const, code: 'invalid_transition' as const, message: decision.reason }
    }
    if (decision.kind === 'noop')
      return { ok: true as const, state: c.state as CaseState, resolutionId: null }

    const scheduleJob = await outbox.hasWorkerQueue(trx)
    const found = await resolutionRows.lockCaseResolutionOfKind(trx, {
      shopId,
      caseId: c.id,
      kind: 'return_label',
    })
    if (found === 'busy') {
      return {
        ok: false as const,
        code: 'label_pending' as const,
        message: 'The label is being made right now; it shows here in a moment.',
      }
    }
    if (found === null) {
      const [row] = await resolutionRows.insertPlannedResolutions(
        trx,
        shopId,
        c.id,
        [
          {
            kind: 'return_label',
            amountMinor: 0,
            currency: c.currency,
            idempotencyKey: resolutionIdempotencyKey(c.id, 'return_label'),
            releaseOn: 'approval',
          },
        ],
        { scheduleJob, at: now },
      )
      return { ok: true as const, state: c.state as CaseState, resolutionId: row!.id }
    }
    if (found.status === 'succeeded') {
      // The label exists but the case did not move (it was moved back by hand): move it now.
      await cases.updateCaseState(trx, { shopId, caseId: c.id, state: decision.to, at: now })
      await cases.insertCaseEvent(trx, {
        shopId,
        caseId: c.id,
        type: decision.event,
        actor: 'staff',
        actorStaffId: input.staffId,
        details: { from: c.state, to: decision.to },
        at: now,
      })
      return { ok: true as const, state: decision.to, resolutionId: null }
    }
    if (found.status !== 'pending') {
      await resolutionRows.requeueResolution(trx, {
        shopId,
        id: found.id,
        from: ['failed', 'waiting', 'canceled'],
        details: { labelGeneration: labelGeneration(found.details) + 1 },
        at: now,
        scheduleJob,
      })
    }
    return { ok: true as const, state: c.state as CaseState, resolutionId: found.id }
  })
  if (!prepared.ok) return prepared
  if (!prepared.resolutionId)
    return { ok: true, state: prepared.state, changed: prepared.state !== 'approved' }

  try {
    const outcome = await issueResolution({
      shopId,
      resolutionId: prepared.resolutionId,
      maxAttempts: resolutionRows.RESOLUTION_MAX_ATTEMPTS,
      now,
    })
    if (outcome.kind === 'failed') return { ok: false, code: 'label_failed', message: outcome.message }
    if (outcome.kind === 'issued') return { ok: true, state: 'awaiting_return', changed: true }
    return {
      ok: false,
      code: 'label_pending',
      message: 'The label is being made right now; it shows here in a moment.',
    }
  } catch (err) {
    // The carrier did not answer (a limit, an outage): the try is counted and the job tries again.
    return {
      ok: false,
      code: 'label_pending',
      message: `The carrier did not answer (${(err as Error).message}). The label is tried again automatically in a few minutes.`,
    }
  }
}
