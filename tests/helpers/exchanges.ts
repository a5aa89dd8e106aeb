// Exchanges for the tests: a shop whose policy staff approve by hand, a delivered order of a sweater whose
// shop sells other sizes at other prices, the buyer's wizard walked to an exchange case, and the case's
// resolutions issued through the service as the job would. Shared by the exchange and charge tests.
import { expect } from 'vitest'
import { DEFAULT_RETURN_POLICY, type ReturnPolicy } from '#app/domain/policy/policy'
import { actOnCaseAsStaff } from '#app/services/cases/case-actions.server'
import { savePolicy } from '#app/services/policies/policies.server'
import { issueResolution } from '#app/services/resolutions/issue-resolution.server'
import { getReturnWizard, handleReturnStep } from '#app/services/returns/return-wizard.server'
import { db } from '#db/client'
import { listCaseResolutions } from '#db/queries/resolutions'
import { createOrder, createShipment, createShop, createStaff, createVariants } from '#tests/factories'

const DAY = 86_400_000

export async function shopWithPolicy(timing: ReturnPolicy['timing']) {
  const shop = await createShop()
  const staff = await createStaff({ shopId: shop.id, role: 'agent' })
  const saved = await savePolicy({
    shopId: shop.id,
    staffId: null,
    rules: {
      ...DEFAULT_RETURN_POLICY,
      timing,
      // Staff approve (and can race); every item may be kept so nothing needs to come back first.
      autoApprove: { ...DEFAULT_RETURN_POLICY.autoApprove, enabled: false },
      greenReturn: { enabled: true, maxItemValue: { EUR: 10_000_000, GBP: 10_000_000 } },
    },
    basedOnVersion: 0,
    now: new Date(),
  })
  if (!saved.ok) throw new Error('policy not saved')
  return { shop, staff }
}

/**
 * A delivered order of one sweater (size M, 70.00 EUR, paid through `paymentReference`) whose shop sells
 * S (same price), L (75.00, two in stock), XL (60.00) and XXL (out of stock); and another product.
 */
export async function exchangeableOrder(
  opts: { paymentReference?: string | null; timing?: ReturnPolicy['timing']; quantity?: number } = {},
) {
  const { shop, staff } = await shopWithPolicy(
    opts.timing ?? { moneyMoves: 'approval', replacementShips: 'approval' },
  )
  const sweater = await createVariants({
    shopId: shop.id,
    variants: [
      { title: 'Oatmeal / S', priceMinor: 7000, stock: 5 },
      { title: 'Oatmeal / M', priceMinor: 7000, stock: 5 },
      { title: 'Oatmeal / L', priceMinor: 7500, stock: 2 },
      { title: 'Oatmeal / XL', priceMinor: 6000, stock: 5 },
      { title: 'Oatmeal / XXL', priceMinor: 7000, stock: 0 },
    ],
  })
  const [S, M, L, XL, XXL] = sweater.ids as [string, string, string, string, string]
  const otherProduct = await createVariants({
    shopId: shop.id,
    productTitle: 'Wool Beanie',
    variants: [{ title: 'Rust', priceMinor: 3000, stock: 5 }],
  })
  const inGbp = await createVariants({
    shopId: shop.id,
    productKey: sweater.productKey,
    currency: 'GBP',
    variants: [{ title: 'Oatmeal / L', priceMinor: 6500, stock: 5 }],
  })
  const order = await createOrder({
    shopId: shop.id,
    items: [
      {
        title: 'Merino Crew Sweater',
        variantTitle: 'Oatmeal / M',
        quantity: opts.quantity ?? 1,
        unitPriceMinor: 7000,
        productKey: sweater.productKey,
        variantId: M,
      },
    ],
    placedAt: new Date(Date.now() - 6 * DAY),
    paymentReference: opts.paymentReference ?? null,
  })
  await createShipment({
    shopId: shop.id,
    orderId: order.id,
    shippedAt: new Date(Date.now() - 5 * DAY),
    items: order.lineItems.map((li) => ({ lineItemId: li.id, quantity: li.quantity })),
  })
  const line = order.lineItems[0]!
  return {
    shop,
    staff,
    order,
    line,
    v: { S, M, L, XL, XXL, beanie: otherProduct.ids[0]!, gbpL: inGbp.ids[0]! },
  }
}
export type Ctx = Awaited<ReturnType<typeof exchangeableOrder>>

export function step(
  ctx: Ctx,
  name: 'items' | 'reasons' | 'resolution' | 'method' | 'review',
  fields: Record<string, string>,
) {
  return handleReturnStep({
    shopId: ctx.shop.id,
    orderId: ctx.order.id,
    step: name,
    fields,
    files: new Map(),
    locale: 'en',
    now: new Date(),
  })
}

export async function toResolutionStep(ctx: Ctx) {
  const qty = String(ctx.order.lineItems[0]!.quantity)
  expect(await step(ctx, 'items', { [`qty:${ctx.line.id}`]: qty })).toMatchObject({ ok: true })
  expect(await step(ctx, 'reasons', { [`reason:${ctx.line.id}`]: 'wrong_size' })).toMatchObject({ ok: true })
}

/** Walks the wizard to a case exchanging the sweater for `variantId`; returns the case number. */
export async function exchange(ctx: Ctx, variantId: string, extra: Record<string, string> = {}) {
  await toResolutionStep(ctx)
  expect(
    await step(ctx, 'resolution', {
      resolution: 'exchange',
      [`exchange:${ctx.line.id}`]: variantId,
      ...extra,
    }),
  ).toEqual({ ok: true, redirectTo: 'method' })
  expect(await step(ctx, 'method', { returnMethod: 'label', ...extra })).toMatchObject({ ok: true })
  const view = await getReturnWizard({ shopId: ctx.shop.id, orderId: ctx.order.id, now: new Date() })
  const r = await step(ctx, 'review', { draftId: view!.draftId!, ...extra })
  if (!r.ok || typeof r.redirectTo !== 'object') throw new Error(JSON.stringify(r))
  return Number(r.redirectTo.caseNumber.slice(2))
}

export const approve = (ctx: Ctx, number: number, staffId = ctx.staff.id) =>
  actOnCaseAsStaff({ shopId: ctx.shop.id, staffId, caseNumber: number, command: 'approve', now: new Date() })

export async function stock(id: string) {
  return db
    .selectFrom('product_variants')
    .select(['inventory_available as available', 'inventory_reserved as reserved'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow()
}

export async function caseRow(ctx: Ctx, number: number) {
  return db
    .selectFrom('cases')
    .select(['id', 'number', 'state', 'price_difference_minor'])
    .where('shop_id', '=', ctx.shop.id)
    .where('number', '=', number)
    .executeTakeFirstOrThrow()
}

export async function replacementShipments(ctx: Ctx) {
  return db
    .selectFrom('shipments')
    .select(['id', 'carrier', 'tracking_number', 'case_id'])
    .where('shop_id', '=', ctx.shop.id)
    .where('kind', '=', 'replacement')
    .execute()
}

export async function runAll(ctx: Ctx, caseId: string) {
  const rows = await listCaseResolutions(db, ctx.shop.id, caseId)
  const out = []
  for (const r of rows.filter((x) => x.status === 'pending' && x.kind !== 'return_label')) {
    out.push(
      await issueResolution({ shopId: ctx.shop.id, resolutionId: r.id, maxAttempts: 10, now: new Date() }),
    )
  }
  return out
}
