// A return sent back by label with a refund at the parcel's first scan (the default timing), approved by
// staff: its return label and refund are planned, the label's job queued and not yet run.
import { DEFAULT_RETURN_POLICY } from '#app/domain/policy/policy'
import { actOnCaseAsStaff } from '#app/services/cases/case-actions.server'
import { createReturnCase } from '#app/services/cases/create-return-case.server'
import { savePolicy } from '#app/services/policies/policies.server'
import { db } from '#db/client'
import { findCaseByIdempotencyKey } from '#db/queries/cases'
import { createOrder, createShipment, createShop, createStaff } from '#tests/factories'

const DAY = 86_400_000

/** `postalCode`: the buyer's, which the label is sent from (a carrier may refuse it). */
export async function approvedLabelReturn(opts: { postalCode?: string } = {}) {
  const shop = await createShop()
  const staff = await createStaff({ shopId: shop.id, role: 'agent' })
  const saved = await savePolicy({
    shopId: shop.id,
    staffId: null,
    rules: {
      ...DEFAULT_RETURN_POLICY,
      autoApprove: { ...DEFAULT_RETURN_POLICY.autoApprove, enabled: false },
    },
    basedOnVersion: 0,
    now: new Date(),
  })
  if (!saved.ok) throw new Error('policy not saved')
  const order = await createOrder({
    shopId: shop.id,
    items: [{ quantity: 1, unitPriceMinor: 8_000 }],
    placedAt: new Date(Date.now() - 6 * DAY),
    ...(opts.postalCode ? { postalCode: opts.postalCode } : {}),
  })
  await createShipment({ shopId: shop.id, orderId: order.id, shippedAt: new Date(Date.now() - 5 * DAY) })
  const key = crypto.randomUUID()
  const created = await createReturnCase({
    shopId: shop.id,
    orderId: order.id,
    buyerEmail: order.email,
    locale: 'en',
    request: {
      selections: [{ lineItemId: order.lineItems[0]!.id, quantity: 1, reason: 'wrong_size' }],
      resolution: 'refund',
      returnMethod: 'label',
      idempotencyKey: key,
    },
    now: new Date(),
  })
  if (!created.ok) throw new Error(created.message)
  const c = (await findCaseByIdempotencyKey(db, shop.id, key))!
  const approved = await actOnCaseAsStaff({
    shopId: shop.id,
    staffId: staff.id,
    caseNumber: c.number,
    command: 'approve',
    now: new Date(),
  })
  if (!approved.ok) throw new Error(approved.message)
  return { shop, staff, order, case: c }
}
