// "Report a problem": a checklist (not arrived, damaged, wrong item, missing item, something else), then
// only what that path needs (which items, photos, a note), then the answer the shop's playbook gives for
// what the carrier has already told us: check with neighbours until a set time, wait for a parcel that is
// still on time, remedies the buyer can pick at once, or a case for staff. The answer is decided here
// and decided again when the buyer submits, from the order and the parcel as they are then; the browser
// only sends choices. Submitting writes the case, its items, its timeline and the buyer's email in one
// transaction, approved by the system when the playbook says so; the draft id makes a double submit one
// case.
import { randomUUID } from 'node:crypto'
import { nextCaseState } from '#app/domain/cases/case-state'
import {
  COMPLAINT_KINDS,
  DEFAULT_COMPLAINT_PLAYBOOK,
  REMEDIES,
  type ComplaintKind,
  type ComplaintPlaybook,
  type Remedy,
} from '#app/domain/complaints/playbook'
import {
  evaluateComplaint,
  type ComplaintDecision,
  type ComplaintItem,
} from '#app/domain/complaints/evaluate-complaint'
import { computeLinePaid } from '#app/domain/policy/evaluate-eligibility'
import { unitRangeShare } from '#app/domain/policy/refund-amount'
import type { DelayLevel, DelayReason } from '#app/domain/tracking/delay'
import { z } from 'zod'
import { db } from '#db/client'
import * as cases from '#db/queries/cases'
import * as drafts from '#db/queries/drafts'
import * as outbox from '#db/queries/notifications'
import * as photos from '#db/queries/photos'
import * as policies from '#db/queries/return-policies'
import { findOrderForReturn, findReturnContext, toReturnOrder } from '#db/queries/return-orders'
import { getOrderTracking, type ParcelView } from '#app/services/buyer/get-order-tracking.server'
import { isUniqueViolation, materializeDefaultPolicy } from '#app/services/cases/create-return-case.server'
import type { WizardPhoto } from '#app/services/returns/return-wizard.server'
import { applyDraftPhotoForm, type UploadedFile } from '#app/services/returns/photos.server'
import { planCaseResolutions } from '#app/services/resolutions/issue-resolution.server'

export const COMPLAINT_STEPS = ['kind', 'details', 'outcome'] as const
export type ComplaintStep = (typeof COMPLAINT_STEPS)[number]

export const ComplaintAnswersSchema = z.object({
  kind: z.enum(COMPLAINT_KINDS).optional(),
  shipmentId: z.string().uuid().optional(),
  items: z
    .array(z.object({ lineItemId: z.string().uuid(), quantity: z.number().int().min(1).max(999) }))
    .max(50)
    .default([]),
  note: z.string().max(2000).optional(),
  detailsDone: z.boolean().default(false),
})
export type ComplaintAnswers = z.infer<typeof ComplaintAnswersSchema>

function readAnswers(stored: unknown): ComplaintAnswers {
  const parsed = ComplaintAnswersSchema.safeParse(stored)
  return parsed.success ? parsed.data : ComplaintAnswersSchema.parse({})
}

export interface ComplaintParcelView {
  id: string
  carrierName: string
  trackingNumber: string
  status: ParcelView['status']
  level: DelayLevel
  items: { lineItemId: string; title: string; variantTitle: string | null; quantity: number }[]
}

export interface ComplaintWizardView {
  orderNumber: string
  currency: string
  parcels: ComplaintParcelView[]
  answers: ComplaintAnswers
  draftId: string | null
  photos: WizardPhoto[]
  /** The playbook's answer for the answers so far (null until a kind is chosen). */
  decision: SerializableDecision | null
  /** Whether the details page applies to this kind (items, photos or a note). */
  needsDetails: boolean
  firstOpenStep: ComplaintStep
}

/** The decision with dates as ISO strings, ready for the page. */
export type SerializableDecision = ComplaintDecision extends infer D
  ? D extends { supportAfter: Date }
    ? Omit<D, 'supportAfter'> & { supportAfter: string }
    : D
  : never

interface Loaded {
  orderId: string
  orderNumber: string
  currency: string
  parcels: ParcelView[]
  playbook: ComplaintPlaybook
  /** What the buyer paid for each line, and its units. */
  paid: Map<string, { paidMinor: number; quantity: number }>
}

async function load(shopId: string, orderId: string, now: Date): Promise<Loaded | null> {
  const [tracking, row, current] = await Promise.all([
    getOrderTracking({ shopId, orderId, now }),
    findOrderForReturn(db, shopId, { orderId }),
    policies.findCurrentPolicy(db, shopId),
  ])
  if (!tracking || !row) return null
  const order = toReturnOrder(row, { email: row.email, returnsOnThisOrder: 0, alreadyReturnedQty: {} })
  const paid = new Map(
    [...computeLinePaid(order).values()].map((l) => [
      l.lineItemId,
      { paidMinor: l.paidMinor, quantity: l.quantity },
    ]),
  )
  return {
    orderId,
    orderNumber: tracking.order.number,
    currency: row.currency,
    parcels: tracking.parcels,
    playbook: current?.playbook ?? DEFAULT_COMPLAINT_PLAYBOOK,
    paid,
  }
}

const ITEM_KINDS: readonly ComplaintKind[] = ['damaged', 'wrong_item', 'missing_item']

/** The parcel a complaint is about: the chosen one, the only one, or the one holding the chosen items. */
function parcelOf(loaded: Loaded, answers: ComplaintAnswers): ParcelView | null {
  if (loaded.parcels.length === 0) return null
  const chosen = loaded.parcels.find((p) => p.id === answers.shipmentId)
  if (chosen) return chosen
  if (loaded.parcels.length === 1) return loaded.parcels[0]!
  const first = answers.items[0]
  const holding = first && loaded.parcels.find((p) => p.items.some((i) => i.lineItemId === first.lineItemId))
  return holding ?? null
}

function affectedItems(
  loaded: Loaded,
  answers: ComplaintAnswers,
  parcel: ParcelView | null,
): ComplaintItem[] {
  const chosen =
    answers.kind === 'not_arrived'
      ? (parcel?.items ?? []).map((i) => ({ lineItemId: i.lineItemId, quantity: i.quantity }))
      : answers.items
  return chosen.flatMap((i) => {
    const line = loaded.paid.get(i.lineItemId)
    if (!line) return []
    const quantity = Math.min(i.quantity, line.quantity)
    return [
      {
        lineItemId: i.lineItemId,
        quantity,
        paidMinor: unitRangeShare(line.paidMinor, line.quantity, 0, quantity),
      },
    ]
  })
}

function decide(loaded: Loaded, answers: ComplaintAnswers, now: Date): ComplaintDecision | null {
  if (!answers.kind) return null
  const parcel = parcelOf(loaded, answers)
  return evaluateComplaint({
    playbook: loaded.playbook,
    kind: answers.kind,
    parcel: parcel
      ? {
          status: parcel.status,
          deliveredAt: parcel.deliveredAt ? new Date(parcel.deliveredAt) : null,
          delay: { level: parcel.delay.level, reason: parcel.delay.reason as DelayReason },
        }
      : null,
    items: affectedItems(loaded, answers, parcel),
    currency: loaded.currency,
    now,
  })
}

const serialize = (d: ComplaintDecision): SerializableDecision =>
  'supportAfter' in d ? { ...d, supportAfter: d.supportAfter.toISOString() } : d

/** Every path but "not arrived" asks something (items, photos or a note); that one knows its parcel. */
function needsDetailsFor(kind: ComplaintKind | undefined) {
  return kind !== undefined && kind !== 'not_arrived'
}

export async function getComplaintWizard(input: {
  shopId: string
  orderId: string
  now: Date
}): Promise<ComplaintWizardView | null> {
  const loaded = await load(input.shopId, input.orderId, input.now)
  if (!loaded) return null
  const draft = await drafts.findOpenDraft(db, { ...input, kind: 'complaint' })
  const answers = draft ? readAnswers(draft.answers) : ComplaintAnswersSchema.parse({})
  const list = draft ? await photos.listDraftPhotos(db, input.shopId, draft.id) : []
  const decision = decide(loaded, answers, input.now)
  const needsDetails = needsDetailsFor(answers.kind)
  return {
    orderNumber: loaded.orderNumber,
    currency: loaded.currency,
    parcels: loaded.parcels.map((p) => ({
      id: p.id,
      carrierName: p.carrierName,
      trackingNumber: p.trackingNumber,
      status: p.status,
      level: p.delay.level,
      items: p.items.map((i) => ({
        lineItemId: i.lineItemId,
        title: i.title,
        variantTitle: i.variantTitle,
        quantity: i.quantity,
      })),
    })),
    answers,
    draftId: draft?.id ?? null,
    photos: list.map((p) => ({
      id: p.id,
      lineItemId: p.line_item_id,
      hasThumb: p.thumb_key !== null,
      contentType: p.content_type,
    })),
    decision: decision ? serialize(decision) : null,
    needsDetails,
    firstOpenStep: !answers.kind ? 'kind' : needsDetails && !answers.detailsDone ? 'details' : 'outcome',
  }
}

/**
 * What the playbook answers, right now, to "this parcel has not arrived" (the delay notice's remedy
 * links ask it before offering to open a case); null when the order or parcel is not found.
 */
export async function notArrivedDecision(input: {
  shopId: string
  orderId: string
  shipmentId: string
  now: Date
}): Promise<{
  decision: SerializableDecision
  parcel: ParcelView
  orderNumber: string
  currency: string
  /** What the buyer paid for the parcel's items: a refund's amount, a coupon's base. */
  valueMinor: number
} | null> {
  const loaded = await load(input.shopId, input.orderId, input.now)
  const parcel = loaded?.parcels.find((p) => p.id === input.shipmentId)
  if (!loaded || !parcel) return null
  const answers = ComplaintAnswersSchema.parse({
    kind: 'not_arrived',
    shipmentId: parcel.id,
    detailsDone: true,
  })
  const decision = decide(loaded, answers, input.now)
  if (!decision) return null
  const valueMinor = affectedItems(loaded, answers, parcel).reduce((a, i) => a + i.paidMinor, 0)
  return {
    decision: serialize(decision),
    parcel,
    orderNumber: loaded.orderNumber,
    currency: loaded.currency,
    valueMinor,
  }
}

/** A "not arrived" draft for one parcel, ready to submit (the delay notice's remedy links). */
export async function createNotArrivedDraft(input: {
  shopId: string
  orderId: string
  shipmentId: string
  now: Date
}) {
  const answers = ComplaintAnswersSchema.parse({
    kind: 'not_arrived',
    shipmentId: input.shipmentId,
    detailsDone: true,
  })
  return drafts.insertDraft(db, { ...input, kind: 'complaint', answers, at: input.now })
}

export type ComplaintSaveResult =
  | { ok: true; next: ComplaintStep; draftId: string }
  | { ok: false; status: 404 | 409 | 422; fieldErrors: Record<string, string>; formError: string }

const invalid = (
  fieldErrors: Record<string, string>,
  formError = 'wizard.error.fix',
): ComplaintSaveResult => ({
  ok: false,
  status: 422,
  fieldErrors,
  formError,
})

/** Saves the checklist ('kind') or the details page after checking them against the order. */
export async function saveComplaintStep(input: {
  shopId: string
  orderId: string
  step: 'kind' | 'details'
  form: Record<string, string>
  now: Date
}): Promise<ComplaintSaveResult> {
  const { shopId, orderId, form, now } = input
  const loaded = await load(shopId, orderId, now)
  if (!loaded) return { ok: false, status: 404, fieldErrors: {}, formError: 'wizard.error.notFound' }
  const draft = await drafts.findOrInsertOpenDraft(db, { shopId, orderId, kind: 'complaint', at: now })
  let answers = readAnswers(draft.answers)

  if (input.step === 'kind') {
    const kind = form.kind
    if (!kind || !(COMPLAINT_KINDS as readonly string[]).includes(kind)) {
      return invalid({ kind: 'problem.error.pickKind' })
    }
    const shipmentId = form.shipmentId || undefined
    if (shipmentId && !loaded.parcels.some((p) => p.id === shipmentId)) {
      return invalid({ shipmentId: 'problem.error.pickParcel' })
    }
    if (kind === 'not_arrived' && loaded.parcels.length > 1 && !shipmentId) {
      return invalid({ shipmentId: 'problem.error.pickParcel' })
    }
    // A different problem starts its details afresh.
    if (answers.kind !== kind) answers = ComplaintAnswersSchema.parse({})
    answers.kind = kind as ComplaintKind
    answers.shipmentId = shipmentId
  } else {
    if (!answers.kind) return invalid({}, 'problem.error.kindFirst')
    const errors: Record<string, string> = {}
    const shipped = new Map<string, number>()
    for (const p of loaded.parcels) {
      for (const i of p.items) shipped.set(i.lineItemId, (shipped.get(i.lineItemId) ?? 0) + i.quantity)
    }
    const items: ComplaintAnswers['items'] = []
    for (const [field, value] of Object.entries(form)) {
      if (!field.startsWith('qty:')) continue
      const lineItemId = field.slice(4)
      const max = shipped.get(lineItemId)
      if (max === undefined) return invalid({ items: 'wizard.error.unknownItem' }, 'wizard.error.unknownItem')
      if (!/^\d{1,3}$/.test(value)) {
        errors[field] = 'wizard.error.quantity'
        continue
      }
      const quantity = Number(value)
      if (quantity === 0) continue
      if (quantity > max) {
        errors[field] = 'wizard.error.tooMany'
        continue
      }
      items.push({ lineItemId, quantity })
    }
    const note = (form.note ?? '').trim()
    if (note.length > 2000) errors.note = 'wizard.error.noteTooLong'
    if (ITEM_KINDS.includes(answers.kind) && items.length === 0 && !errors.items) {
      errors.items = 'problem.error.pickItems'
    }
    if (answers.kind === 'other' && !note) errors.note = 'problem.error.describe'
    answers.items = ITEM_KINDS.includes(answers.kind) ? items : []
    answers.note = note || undefined
    if (Object.keys(errors).length) {
      await drafts.updateDraftAnswers(db, { shopId, draftId: draft.id, answers, at: now })
      return invalid(errors)
    }
    const decision = decide(loaded, answers, now)
    if (decision?.requires.photos) {
      const counts = await photos.countDraftPhotosByItem(db, shopId, draft.id)
      const total = Object.values(counts).reduce((a, b) => a + b, 0)
      if (total === 0) {
        await drafts.updateDraftAnswers(db, { shopId, draftId: draft.id, answers, at: now })
        return invalid({ photos: 'wizard.error.photoRequired' })
      }
    }
    answers.detailsDone = true
  }

  const saved = await drafts.updateDraftAnswers(db, { shopId, draftId: draft.id, answers, at: now })
  if (!saved) return { ok: false, status: 409, fieldErrors: {}, formError: 'wizard.error.alreadySubmitted' }
  const next: ComplaintStep = input.step === 'kind' && needsDetailsFor(answers.kind) ? 'details' : 'outcome'
  return { ok: true, next, draftId: draft.id }
}

export type SubmitComplaintResult =
  | { ok: true; caseNumber: string; replayed: boolean }
  | { ok: false; status: 404 | 409 | 422; formError: string; fieldErrors?: Record<string, string> }

/**
 * Opens the complaint case from the draft. The playbook's answer is decided again here; a remedy must be
 * one it offers, and an answer that opens no case (check with neighbours, still on its way) opens none.
 */
export async function submitComplaint(input: {
  shopId: string
  orderId: string
  draftId: string
  remedy: string | undefined
  note: string | undefined
  locale: 'en' | 'ru' | 'pl'
  now: Date
  /** The apology coupon a delay notice promised, instead of the playbook's percentage. */
  couponMinorOverride?: number
  /**
   * A remedy link: when a "not arrived" case for this parcel is already open, answer with it instead of
   * opening another. Checked under the order lock, so two clicks at the same moment give one case.
   */
  reuseOpenCaseForShipment?: string
  /**
   * The remedy comes from a delay notice, which offers what the shop allows at the parcel's current level
   * (the caller checked that level now). It stands even where the playbook would not list it for a
   * report the buyer starts (a carrier-revised date while the parcel moves, an apology coupon): staff
   * review it, except an apology coupon with `couponAtOnce` (the shop's notice settings granted it, and
   * the parcel has had no case before: the caller checks, so a closed case does not hand out another).
   */
  offeredByNotice?: { couponAtOnce: boolean }
}): Promise<SubmitComplaintResult> {
  const { shopId, orderId, draftId, now } = input
  const existing = await cases.findCaseByIdempotencyKey(db, shopId, draftId)
  if (existing) {
    if (existing.order_id !== orderId) return { ok: false, status: 422, formError: 'wizard.error.startAgain' }
    return { ok: true, caseNumber: `R-${existing.number}`, replayed: true }
  }
  const loaded = await load(shopId, orderId, now)
  if (!loaded) return { ok: false, status: 404, formError: 'wizard.error.notFound' }
  const draftRow = await drafts.findDraft(db, { shopId, orderId, kind: 'complaint', draftId })
  if (!draftRow) return { ok: false, status: 422, formError: 'wizard.error.startAgain' }
  const answers = readAnswers(draftRow.answers)
  const decision = decide(loaded, answers, now)
  if (!decision) return { ok: false, status: 422, formError: 'problem.error.kindFirst' }
  const byNotice = input.offeredByNotice !== undefined
  if (!byNotice && decision.next !== 'offer_remedies' && decision.next !== 'to_support') {
    return { ok: false, status: 422, formError: 'problem.error.noCaseNeeded' }
  }
  const listed = decision.next === 'offer_remedies' && decision.remedies.includes(input.remedy as Remedy)
  let remedy: Remedy | null = null
  if (decision.next === 'offer_remedies' || byNotice) {
    if (!input.remedy || !(REMEDIES as readonly string[]).includes(input.remedy) || !(listed || byNotice)) {
      return {
        ok: false,
        status: 422,
        formError: 'wizard.error.fix',
        fieldErrors: { remedy: 'problem.error.pickRemedy' },
      }
    }
    remedy = input.remedy as Remedy
  }
  const extraNote = (input.note ?? '').trim()
  if (extraNote.length > 2000) {
    return {
      ok: false,
      status: 422,
      formError: 'wizard.error.fix',
      fieldErrors: { note: 'wizard.error.noteTooLong' },
    }
  }
  if (decision.requires.note && !answers.note && !extraNote) {
    return {
      ok: false,
      status: 422,
      formError: 'wizard.error.fix',
      fieldErrors: { note: 'problem.error.describe' },
    }
  }
  const parcel = parcelOf(loaded, answers)
  const items = affectedItems(loaded, answers, parcel)
  const valueMinor = items.reduce((a, i) => a + i.paidMinor, 0)
  const moneyMinor =
    remedy === 'refund'
      ? valueMinor
      : remedy === 'coupon'
        ? (input.couponMinorOverride ??
          (decision.next === 'offer_remedies' ? decision.couponMinor : null) ??
          0)
        : 0
  const autoApprove =
    (decision.next === 'offer_remedies' && decision.autoApprove && listed) ||
    (input.offeredByNotice?.couponAtOnce === true && remedy === 'coupon' && moneyMinor > 0)
  // What support reads on the case: why it waits for them.
  const reviewSentence =
    byNotice && !listed
      ? `The buyer chose this from the delay email, which offers it for a parcel that is ${parcelOf(loaded, answers)?.delay.level ?? 'delayed'}; the problem playbook would not grant it on its own (${decision.sentence}), so staff decide.`
      : decision.sentence
  const buyerNote = [answers.note, extraNote].filter(Boolean).join('\n\n') || null

  try {
    return await db.transaction().execute(async (trx): Promise<SubmitComplaintResult> => {
      const locked = await cases.lockOrderForNewCase(trx, shopId, orderId)
      if (!locked) return { ok: false, status: 404, formError: 'wizard.error.notFound' }
      if (input.reuseOpenCaseForShipment) {
        const open = await cases.findOpenNotArrivedCase(trx, shopId, input.reuseOpenCaseForShipment)
        if (open?.order_id === orderId) return { ok: true, caseNumber: `R-${open.number}`, replayed: true }
      }
      const ctx = await findReturnContext(trx, shopId, { orderId, idempotencyKey: draftId, draftId })
      if (!ctx) return { ok: false, status: 404, formError: 'wizard.error.notFound' }
      if (ctx.existing) return { ok: true, caseNumber: `R-${ctx.existing.number}`, replayed: true }
      const draft = ctx.draft
      if (!draft || draft.order_id !== orderId || draft.kind !== 'complaint' || draft.case_id) {
        return { ok: false, status: 422, formError: 'wizard.error.startAgain' }
      }
      const photoCount = Object.values(ctx.draftPhotos).reduce((a, b) => a + b, 0)
      if (decision.requires.photos && photoCount === 0) {
        return { ok: false, status: 422, formError: 'wizard.error.photoRequired' }
      }
      const policyRow = ctx.policy ?? (await materializeDefaultPolicy(trx, shopId, now))
      const buyerEmail = ctx.order.email.trim().toLowerCase()
      const approval = autoApprove ? nextCaseState('requested', 'approve', 'system') : null
      const approved = approval?.kind === 'transition' ? approval : null
      const caseId = randomUUID()
      const written = await cases.writeNewCase(
        trx,
        {
          id: caseId,
          shopId,
          orderId,
          kind: 'complaint',
          state: approved ? approved.to : 'requested',
          autoApproved: Boolean(approved),
          policyId: policyRow.id,
          resolution: remedy,
          returnMethod: null,
          complaintKind: answers.kind!,
          shipmentId: parcel?.id ?? null,
          buyerNote,
          buyerEmail,
          locale: input.locale,
          currency: loaded.currency,
          paidTotalMinor: valueMinor,
          feesTotalMinor: 0,
          totalMinor: remedy === 'refund' ? moneyMinor : 0,
          bonusMinor: 0,
          issuedMinor: moneyMinor,
          idempotencyKey: draftId,
          at: now,
          draftId,
          items: items.map((i) => ({
            lineItemId: i.lineItemId,
            quantity: i.quantity,
            reason: answers.kind!,
            note: null,
            paidMinor: i.paidMinor,
            restockingFeeMinor: 0,
            totalMinor: remedy === 'refund' ? i.paidMinor : 0,
            keepItem: !(decision.next === 'offer_remedies' && decision.returnItems),
          })),
          events: [
            {
              type: 'requested',
              actor: 'buyer',
              details: {
                complaint: answers.kind,
                remedy,
                decision: decision.message.key,
                sentence: decision.sentence,
                ...(buyerNote ? { message: buyerNote } : {}),
                ...(photoCount ? { photos: photoCount } : {}),
                items: items.map((i) => ({
                  lineItemId: i.lineItemId,
                  quantity: i.quantity,
                  paidMinor: i.paidMinor,
                })),
                ...(parcel
                  ? { shipment: { id: parcel.id, status: parcel.status, level: parcel.delay.level } }
                  : {}),
                policyVersion: policyRow.version,
              },
            },
            approved
              ? { type: approved.event, actor: 'system', details: { auto: true } }
              : { type: 'review_needed', actor: 'system', details: { sentence: reviewSentence } },
          ],
          mail: approved ? ['case-received', 'case-approved'] : ['case-received'],
        },
        { scheduleDelivery: await outbox.hasWorkerQueue(trx) },
      )
      // An automatically approved refund or coupon is issued by its job, queued in this transaction.
      if (approved) {
        await planCaseResolutions(
          trx,
          {
            shopId,
            caseId,
            kind: 'complaint',
            resolution: remedy,
            returnMethod: null,
            issuedMinor: moneyMinor,
            currency: loaded.currency,
            priceDifferenceMinor: 0,
            timing: null,
          },
          now,
          // A reship of an item out of stock still goes out once restocked; staff see the case.
          { stock: 'if_available' },
        )
      }
      return { ok: true, caseNumber: `R-${written.number}`, replayed: false }
    })
  } catch (err) {
    if (isUniqueViolation(err, 'cases_shop_idempotency_key_unique')) {
      const winner = await cases.findCaseByIdempotencyKey(db, shopId, draftId)
      if (winner?.order_id === orderId) return { ok: true, caseNumber: `R-${winner.number}`, replayed: true }
    }
    throw err
  }
}

export type ComplaintStepActionResult =
  | { ok: true; redirectTo: ComplaintStep | { caseNumber: string } }
  | {
      ok: false
      status: 400 | 404 | 409 | 413 | 422
      formError: string
      fieldErrors?: Record<string, string>
    }

/** Everything a page of the problem wizard can ask: save and go on, upload or remove photos, submit. */
export async function handleComplaintStep(input: {
  shopId: string
  orderId: string
  step: ComplaintStep
  fields: Record<string, string>
  files: Map<string, UploadedFile[]>
  locale: 'en' | 'ru' | 'pl'
  now: Date
}): Promise<ComplaintStepActionResult> {
  const { shopId, orderId, step, fields, files, now } = input
  if (step === 'outcome') {
    const draftId = fields.draftId ?? ''
    if (!/^[0-9a-f-]{36}$/.test(draftId))
      return { ok: false, status: 400, formError: 'wizard.error.startAgain' }
    const r = await submitComplaint({
      shopId,
      orderId,
      draftId,
      remedy: fields.remedy,
      note: fields.note,
      locale: input.locale,
      now,
    })
    return r.ok ? { ok: true, redirectTo: { caseNumber: r.caseNumber } } : r
  }
  const intent = fields.intent ?? 'continue'
  if (step === 'details') {
    const draft = await drafts.findOrInsertOpenDraft(db, { shopId, orderId, kind: 'complaint', at: now })
    if ([...files.keys()].some((field) => field !== 'photos')) {
      return { ok: false, status: 400, formError: 'wizard.error.badForm' }
    }
    const list = files.get('photos') ?? []
    const uploads = list.length ? [{ field: 'photos', lineItemId: null, files: list }] : []
    const photoForm = await applyDraftPhotoForm({ shopId, orderId, draftId: draft.id, intent, uploads, now })
    if (photoForm.kind === 'removed') return { ok: true, redirectTo: 'details' }
    if (photoForm.kind === 'refused') {
      return {
        ok: false,
        status: 422,
        formError: 'photo.error.refused',
        fieldErrors: { photos: photoForm.refused[0]!.key },
      }
    }
  }
  const r = await saveComplaintStep({ shopId, orderId, step, form: fields, now })
  if (!r.ok) return r
  return { ok: true, redirectTo: intent === 'upload' ? step : r.next }
}
