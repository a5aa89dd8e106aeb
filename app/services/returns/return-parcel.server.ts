// A return parcel's carrier scans move its case. Called by applyCarrierEvents in the transaction that
// stores the scans (the poll job, EasyPost webhooks and the sandbox's "next scan" all come through it),
// so a scan is never stored without its effect on the case or the other way round. Decided from every
// scan the parcel has (see returnParcelCommands): the same scan twice, or scans out of order, end in the
// same place. The first scan puts the case "on its way back" and releases what waited for it (money,
// when the policy pays at the first scan); delivery records `return_delivered`, makes the case
// "received", releases what waited for delivery, and resolves a case whose money has already gone.
import { isFinalCaseState, nextCaseState, type CaseState } from '#app/domain/cases/case-state'
import { returnParcelCommands, returnParcelProgress } from '#app/domain/cases/return-parcel'
import type { ResolutionKind } from '#app/domain/resolutions/plan'
import type { TrackingStatus } from '#app/domain/tracking/status'
import type { Database } from '#db/client'
import * as cases from '#db/queries/cases'
import * as resolutions from '#db/queries/resolutions'
import type { Transaction } from 'kysely'
import { settleIfDone } from '#app/services/resolutions/issue-resolution.server'
import { releaseResolutions } from '#app/services/resolutions/release.server'

export interface ReturnParcelOutcome {
  commands: string[]
  released: ResolutionKind[]
  resolved: boolean
}

export async function applyReturnParcelProgress(
  trx: Transaction<Database>,
  input: {
    shopId: string
    caseId: string
    trackingNumber?: string
    events: readonly { status: TrackingStatus; occurredAt: Date }[]
    at: Date
  },
): Promise<ReturnParcelOutcome> {
  const none: ReturnParcelOutcome = { commands: [], released: [], resolved: false }
  const progress = returnParcelProgress(input.events)
  if (!progress.handedOver) return none
  const { shopId, caseId, at } = input
  const c = await cases.lockCaseByIdForUpdate(trx, shopId, caseId)
  if (!c || isFinalCaseState(c.state as CaseState)) return none

  const commands = returnParcelCommands(c.state as CaseState, progress)
  let state = c.state as CaseState
  const move = async (command: (typeof commands)[number]) => {
    const d = nextCaseState(state, command, 'system')
    if (d.kind !== 'transition') return
    await cases.updateCaseState(trx, { shopId, caseId, state: d.to, at })
    await cases.insertCaseEvent(trx, {
      shopId,
      caseId,
      type: d.event,
      actor: 'system',
      details: {
        from: state,
        to: d.to,
        ...(input.trackingNumber ? { trackingNumber: input.trackingNumber } : {}),
      },
      at,
    })
    state = d.to
  }

  if (commands.includes('scan_return')) await move('scan_return')
  if (progress.delivered && !(await cases.hasCaseEvent(trx, { shopId, caseId, type: 'return_delivered' }))) {
    const deliveredAt = input.events.find((e) => e.status === 'delivered')?.occurredAt
    await cases.insertCaseEvent(trx, {
      shopId,
      caseId,
      type: 'return_delivered',
      actor: 'system',
      details: {
        ...(deliveredAt ? { deliveredAt: deliveredAt.toISOString() } : {}),
        ...(input.trackingNumber ? { trackingNumber: input.trackingNumber } : {}),
      },
      at,
    })
  }
  if (commands.includes('receive')) await move('receive')

  const released = await releaseResolutions(trx, {
    shopId,
    caseId,
    reached: progress.delivered ? 'delivered' : 'first_scan',
    at,
  })
  const resolved =
    commands.includes('receive') && state === 'received'
      ? await settleAfterReceipt(trx, { shopId, case: { ...c, state }, at })
      : false
  return { commands, released, resolved }
}

/**
 * The parcel is back and the money (or credit, or coupon) went out before: nothing is left to wait for,
 * so the case is resolved and the buyer told, exactly as when the money goes out after the parcel is
 * back (see settleIfDone: nothing happens while anything is still outstanding).
 */
export async function settleAfterReceipt(
  trx: Transaction<Database>,
  input: {
    shopId: string
    case: {
      id: string
      number: number
      state: string
      kind: string
      return_method: string | null
      buyer_email: string
      locale: string
    }
    at: Date
  },
): Promise<boolean> {
  const issued = (await resolutions.listCaseResolutions(trx, input.shopId, input.case.id)).filter(
    (r) => r.kind !== 'return_label' && r.status === 'succeeded',
  )
  const last = issued.at(-1)
  if (!last) return false
  return settleIfDone(trx, {
    shopId: input.shopId,
    case: input.case,
    resolutionId: last.id,
    kind: last.kind as ResolutionKind,
    code: last.code,
    now: input.at,
  })
}
