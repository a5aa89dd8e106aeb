// What people do to a case after it is opened. Staff approve, reject (always with a reason the buyer
// reads), ask for information (with the question), mark the parcel received, resolve and close; the buyer
// answers a question, adds a photo or a message, or cancels while nothing has been sent yet. Every action
// goes through the case state machine, and its state change, timeline event and buyer email are written
// in one transaction: an action the machine refuses changes nothing and says why.
import { nextCaseState, type CaseActor, type CaseCommand, type CaseState } from '#app/domain/cases/case-state'
import { db, type Database } from '#db/client'
import * as cases from '#db/queries/cases'
import * as outbox from '#db/queries/notifications'
import * as photoRows from '#db/queries/photos'
import * as resolutionRows from '#db/queries/resolutions'
import type { Transaction } from 'kysely'
import {
  OutOfStockError,
  planCaseResolutions,
  resolutionPlansFor,
} from '#app/services/resolutions/issue-resolution.server'
import { refundOverCap } from '#app/services/resolutions/refundable.server'
import { receiveItems } from './receiving.server'
import { issueLabelAsStaff } from '#app/services/resolutions/issue-label-now.server'
import { storePhotos, type PhotoRefusal, type UploadedFile } from '#app/services/returns/photos.server'

const MAX_CASE_PHOTOS = 30

export type CaseActionErrorCode =
  | 'not_found'
  | 'invalid_transition'
  | 'message_required'
  | 'invalid_photo'
  | 'over_refundable'
  | 'label_failed'
  | 'label_pending'
  | 'out_of_stock'

export type CaseActionResult =
  | { ok: true; state: CaseState; changed: boolean }
  | { ok: false; code: CaseActionErrorCode; message: string; refused?: PhotoRefusal[] }

/** Commands that need words for the buyer, and the email each command sends. */
const NEEDS_MESSAGE: Partial<Record<CaseCommand, string>> = {
  reject: 'Say why the case is rejected: the buyer reads it.',
  request_info: 'Write the question for the buyer.',
}
const EMAIL_OF: Partial<Record<CaseCommand, string>> = {
  approve: 'case-approved',
  reject: 'case-rejected',
  request_info: 'case-needs-info',
  resolve: 'case-resolved',
}

async function applyCommand(
  trx: Transaction<Database>,
  input: {
    shopId: string
    caseNumber: number
    command: CaseCommand
    actor: CaseActor
    staffId: string | null
    message: string | null
    photos?: number
    now: Date
  },
): Promise<CaseActionResult & { caseId?: string }> {
  const c = await cases.lockCaseForUpdate(trx, input.shopId, input.caseNumber)
  if (!c) return { ok: false, code: 'not_found', message: 'There is no such case.' }
  const decision = nextCaseState(c.state as CaseState, input.command, input.actor)
  if (decision.kind === 'invalid') return { ok: false, code: 'invalid_transition', message: decision.reason }
  if (decision.kind === 'noop') return { ok: true, state: c.state as CaseState, changed: false, caseId: c.id }
  // Never more than what remains refundable on the order, across all its cases: checked before anything
  // is written, so a refused approval leaves the case as it was.
  if (decision.to === 'approved') {
    const refundMinor = resolutionPlansFor({
      caseId: c.id,
      kind: c.kind as 'return' | 'complaint',
      resolution: c.resolution,
      returnMethod: c.return_method as 'label' | 'drop_off' | 'keep' | null,
      issuedMinor: c.issued_minor,
      currency: c.currency,
      priceDifferenceMinor: c.price_difference_minor,
      timing: c.timing,
    })
      .filter((p) => p.kind === 'refund')
      .reduce((sum, p) => sum + p.amountMinor, 0)
    const over = await refundOverCap(trx, {
      shopId: input.shopId,
      orderId: c.order_id,
      amountMinor: refundMinor,
      excludeId: null,
      excludeCaseId: c.id,
      basis: 'committed',
    })
    if (over) return { ok: false, code: 'over_refundable', message: `Not approved: ${over}` }
  }

  await cases.updateCaseState(trx, { shopId: input.shopId, caseId: c.id, state: decision.to, at: input.now })
  const key =
    input.command === 'reject' ? 'reason' : input.command === 'request_info' ? 'question' : 'message'
  await cases.insertCaseEvent(trx, {
    shopId: input.shopId,
    caseId: c.id,
    type: decision.event,
    actor: input.actor,
    actorStaffId: input.staffId,
    details: {
      from: c.state,
      to: decision.to,
      ...(input.message ? { [key]: input.message } : {}),
      ...(input.photos ? { photos: input.photos } : {}),
    },
    at: input.now,
  })
  // A case that ends before its parcel came back will not deliver what was waiting for it.
  if (decision.to === 'canceled') {
    await resolutionRows.cancelWaitingResolutions(trx, { shopId: input.shopId, caseId: c.id, at: input.now })
  }
  // Approval plans everything the case delivers (and queues what moves at once) in this transaction.
  if (decision.to === 'approved') {
    await planCaseResolutions(
      trx,
      {
        shopId: input.shopId,
        caseId: c.id,
        kind: c.kind as 'return' | 'complaint',
        resolution: c.resolution,
        returnMethod: c.return_method as 'label' | 'drop_off' | 'keep' | null,
        issuedMinor: c.issued_minor,
        currency: c.currency,
        priceDifferenceMinor: c.price_difference_minor,
        timing: c.timing,
      },
      input.now,
    )
  }
  const template = EMAIL_OF[input.command]
  if (template) {
    const caseNumber = `R-${c.number}`
    await outbox.insertNotification(trx, {
      shopId: input.shopId,
      template,
      toEmail: c.buyer_email,
      locale: c.locale,
      caseId: c.id,
      payload: {
        caseNumber,
        locale: c.locale,
        ...(input.command === 'reject' ? { reason: input.message } : {}),
        ...(input.command === 'request_info' ? { question: input.message } : {}),
      },
      // NOTE: one email per state change; a repeated command is a no-op above and never reaches here.
      dedupeKey: `${template}:${c.id}:${input.now.getTime()}`,
    })
  }
  return { ok: true, state: decision.to, changed: true, caseId: c.id }
}

function cleanMessage(message: string | null | undefined): string | null {
  const m = (message ?? '').trim()
  return m ? m.slice(0, 2000) : null
}

/** A staff action on a case. `message` is the rejection reason or the question where one is needed. */
export async function actOnCaseAsStaff(input: {
  shopId: string
  staffId: string
  caseNumber: number
  command: CaseCommand
  message?: string | null
  now: Date
}): Promise<CaseActionResult> {
  // Issuing a label makes a real one (the carrier is asked now), not only a state change.
  if (input.command === 'issue_label') return issueLabelAsStaff(input)
  const message = cleanMessage(input.message)
  const needs = NEEDS_MESSAGE[input.command]
  if (needs && !message) return { ok: false, code: 'message_required', message: needs }
  // Receiving the parcel is receiving every item that comes back (see receiving.server.ts): the items
  // are marked, the case moves, what waited for the delivery is released and the case settles.
  if (input.command === 'receive') {
    const r = await receiveItems({ ...input, itemIds: 'all' })
    if (r.ok) return { ok: true, state: r.state, changed: r.changed }
    return {
      ok: false,
      code: r.code === 'not_found' ? 'not_found' : 'invalid_transition',
      message: r.message,
    }
  }
  try {
    return await db.transaction().execute(async (trx): Promise<CaseActionResult> => {
      const r = await applyCommand(trx, { ...input, actor: 'staff', staffId: input.staffId, message })
      if (!r.ok) return r
      return { ok: true, state: r.state, changed: r.changed }
    })
  } catch (err) {
    // The replacement's units ran out: the approval rolled back whole, and the agent is told why.
    if (err instanceof OutOfStockError) return { ok: false, code: 'out_of_stock', message: err.message }
    throw err
  }
}

/**
 * The buyer writes on their case: while staff wait for an answer this answers the question (and sends
 * the case back to staff); otherwise it adds the message and photos to the timeline. Photos are checked
 * and stored first; their records, the event and any state change are one transaction.
 */
export async function replyToCaseAsBuyer(input: {
  shopId: string
  orderId: string
  caseNumber: number
  message?: string | null
  files: readonly UploadedFile[]
  now: Date
}): Promise<CaseActionResult> {
  const message = cleanMessage(input.message)
  const files = input.files.filter((f) => f.bytes.length > 0)
  if (!message && files.length === 0) {
    return { ok: false, code: 'message_required', message: 'Write a message or add a photo.' }
  }
  return db.transaction().execute(async (trx) => {
    const c = await cases.lockCaseForUpdate(trx, input.shopId, input.caseNumber)
    if (!c || c.order_id !== input.orderId)
      return { ok: false, code: 'not_found', message: 'There is no such case.' }
    if (['closed', 'canceled', 'rejected'].includes(c.state)) {
      return {
        ok: false,
        code: 'invalid_transition',
        message: 'This case is finished; please contact the shop to reopen it.',
      }
    }
    // Up to five photos a message and MAX_CASE_PHOTOS on a case in all.
    const existing = await photoRows.countCasePhotos(trx, input.shopId, c.id)
    if (files.length && existing + files.length > MAX_CASE_PHOTOS) {
      return {
        ok: false,
        code: 'invalid_photo',
        message: 'This case has as many photos as it can take.',
        refused: [{ file: files[0]!.name, key: 'photo.error.tooMany' }],
      }
    }
    const upload = await storePhotos({
      shopId: input.shopId,
      orderId: input.orderId,
      owner: { caseId: c.id },
      lineItemId: null,
      existingCount: 0,
      files,
      uploadedBy: 'buyer',
      now: input.now,
      executor: trx,
    })
    if (upload.refused.length) {
      return { ok: false, code: 'invalid_photo', message: 'A photo was refused.', refused: upload.refused }
    }
    if (c.state === 'needs_info') {
      const r = await applyCommand(trx, {
        shopId: input.shopId,
        caseNumber: input.caseNumber,
        command: 'provide_info',
        actor: 'buyer',
        staffId: null,
        message,
        photos: upload.stored.length,
        now: input.now,
      })
      if (!r.ok) return r
      return { ok: true, state: r.state, changed: r.changed }
    }
    await cases.insertCaseEvent(trx, {
      shopId: input.shopId,
      caseId: c.id,
      type: 'buyer_message',
      actor: 'buyer',
      details: {
        ...(message ? { message } : {}),
        ...(upload.stored.length ? { photos: upload.stored.length } : {}),
      },
      at: input.now,
    })
    await cases.touchCase(trx, { shopId: input.shopId, caseId: c.id, at: input.now })
    return { ok: true, state: c.state as CaseState, changed: false }
  })
}

/** The buyer cancels their case while nothing has been sent back yet. */
export async function cancelCaseAsBuyer(input: {
  shopId: string
  orderId: string
  caseNumber: number
  now: Date
}): Promise<CaseActionResult> {
  return db.transaction().execute(async (trx) => {
    const c = await cases.lockCaseForUpdate(trx, input.shopId, input.caseNumber)
    if (!c || c.order_id !== input.orderId)
      return { ok: false, code: 'not_found', message: 'There is no such case.' }
    // NOTE: resolutions are planned in the approving transaction and their jobs lock this case to issue
    // them, so under this lock money or a replacement that was released is visible: no cancel past it.
    // What still waits for the parcel (and an unused return label) goes with the case.
    const owed = await resolutionRows.listCaseResolutions(trx, input.shopId, c.id)
    const released = owed.filter(
      (row) => row.kind !== 'return_label' && (row.status === 'pending' || row.status === 'succeeded'),
    )
    if (released.length > 0) {
      return {
        ok: false,
        code: 'invalid_transition',
        message: 'The refund or credit for this case is already on its way; please contact the shop.',
      }
    }
    const r = await applyCommand(trx, {
      shopId: input.shopId,
      caseNumber: input.caseNumber,
      command: 'cancel',
      actor: 'buyer',
      staffId: null,
      message: null,
      now: input.now,
    })
    if (!r.ok) return r
    return { ok: true, state: r.state, changed: r.changed }
  })
}
