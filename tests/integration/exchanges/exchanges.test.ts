// Exchanges and reships, end to end through the services: the buyer picks another variant of the same
// product (anything else is refused next to the item, nothing written), the price difference is computed
// once on the server, approval reserves the stock (once, even when two staff approve at once; refused in
// plain words when it ran out), canceling gives it back, the difference is charged (sandbox ledger or
// Stripe off-session) and the replacement ships exactly once, even when its job runs twice or dies before
// its commit.
import { sql } from 'kysely'
import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import { resetEnvCache } from '#app/env.server'
import { cancelCaseAsBuyer } from '#app/services/cases/case-actions.server'
import { getStaffCase } from '#app/services/cases/case-view.server'
import { getOrderTracking } from '#app/services/buyer/get-order-tracking.server'
import { issueResolution } from '#app/services/resolutions/issue-resolution.server'
import { getReturnWizard } from '#app/services/returns/return-wizard.server'
import { db } from '#db/client'
import { writeNewCase } from '#db/queries/cases'
import { listNotifications } from '#db/queries/notifications'
import { listCaseResolutions } from '#db/queries/resolutions'
import { listLedgerEntries } from '#db/queries/sandbox-ledger'
import { resetPaymentsProvider } from '#integrations/payments'
import { createShop, createStaff, createVariants } from '#tests/factories'
import { fakeStripe, stripeCharges, stripeRequests } from '#tests/fakes/stripe'
import {
  approve,
  caseRow,
  exchange,
  exchangeableOrder,
  replacementShipments,
  runAll,
  step,
  stock,
  toResolutionStep,
} from '#tests/helpers/exchanges'

describe('the variant picker', () => {
  test('offers the other in-stock variants of the same product in the order currency, with the difference', async () => {
    const ctx = await exchangeableOrder()
    await toResolutionStep(ctx)
    const view = await getReturnWizard({ shopId: ctx.shop.id, orderId: ctx.order.id, now: new Date() })
    expect(view!.resolutionOptions.map((o) => o.resolution)).toContain('exchange')
    expect(view!.exchangeChoices).toEqual([
      {
        lineItemId: ctx.line.id,
        title: 'Merino Crew Sweater',
        variantTitle: 'Oatmeal / M',
        quantity: 1,
        options: [
          { variantId: ctx.v.S, variantTitle: 'Oatmeal / S', priceMinor: 7000, differenceMinor: 0 },
          { variantId: ctx.v.L, variantTitle: 'Oatmeal / L', priceMinor: 7500, differenceMinor: 500 },
          { variantId: ctx.v.XL, variantTitle: 'Oatmeal / XL', priceMinor: 6000, differenceMinor: -1000 },
        ],
      },
    ])
  })

  test('a variant of another product, another currency, out of stock or none at all is refused next to the item; nothing is saved', async () => {
    const ctx = await exchangeableOrder()
    await toResolutionStep(ctx)
    const field = `exchange:${ctx.line.id}`
    for (const [variantId, key] of [
      [ctx.v.beanie, 'wizard.error.variantUnavailable'],
      [ctx.v.gbpL, 'wizard.error.variantUnavailable'],
      [ctx.v.XXL, 'wizard.error.variantUnavailable'],
      [ctx.v.M, 'wizard.error.variantUnavailable'],
      [crypto.randomUUID(), 'wizard.error.variantUnavailable'],
      ['', 'wizard.error.pickVariant'],
    ] as const) {
      const r = await step(ctx, 'resolution', { resolution: 'exchange', [field]: variantId })
      expect(r).toMatchObject({ ok: false, status: 422, fieldErrors: { [field]: key } })
    }
    // Another shop's variant of a product with the same key is not this shop's.
    const other = await createShop()
    const foreign = await createVariants({
      shopId: other.id,
      productKey: (
        await db
          .selectFrom('line_items')
          .select('product_key')
          .where('id', '=', ctx.line.id)
          .executeTakeFirstOrThrow()
      ).product_key!,
      variants: [{ title: 'Oatmeal / L', priceMinor: 1, stock: 9 }],
    })
    expect(await step(ctx, 'resolution', { resolution: 'exchange', [field]: foreign.ids[0]! })).toMatchObject(
      {
        ok: false,
        status: 422,
      },
    )
    const view = await getReturnWizard({ shopId: ctx.shop.id, orderId: ctx.order.id, now: new Date() })
    expect(view!.answers.resolution).toBeUndefined()
    expect(view!.answers.exchange).toEqual({})
    expect(
      await db.selectFrom('cases').select('id').where('shop_id', '=', ctx.shop.id).execute(),
    ).toHaveLength(0)
  })

  test('exchange is not offered when an item has no other variant', async () => {
    const ctx = await exchangeableOrder()
    await db
      .updateTable('product_variants')
      .set({ inventory_available: 0 })
      .where('shop_id', '=', ctx.shop.id)
      .execute()
    await toResolutionStep(ctx)
    const view = await getReturnWizard({ shopId: ctx.shop.id, orderId: ctx.order.id, now: new Date() })
    expect(view!.resolutionOptions.map((o) => o.resolution)).not.toContain('exchange')
    expect(
      await step(ctx, 'resolution', { resolution: 'exchange', [`exchange:${ctx.line.id}`]: ctx.v.L }),
    ).toMatchObject({
      ok: false,
      fieldErrors: { resolution: 'wizard.error.pickResolution' },
    })
  })

  test('the price difference is computed once on the server: tampered form fields are ignored', async () => {
    const ctx = await exchangeableOrder()
    const number = await exchange(ctx, ctx.v.L, {
      priceDifferenceMinor: '-99999',
      price_difference_minor: '-99999',
      ['price:' + ctx.v.L]: '1',
    })
    const c = await caseRow(ctx, number)
    expect(c.price_difference_minor).toBe(500)
    const item = await db
      .selectFrom('case_items')
      .select('exchange_variant_id')
      .where('case_id', '=', c.id)
      .executeTakeFirstOrThrow()
    expect(item.exchange_variant_id).toBe(ctx.v.L)
    // The price changing later does not change what the case owes.
    await db.updateTable('product_variants').set({ price_minor: 9900 }).where('id', '=', ctx.v.L).execute()
    expect(await approve(ctx, number)).toMatchObject({ ok: true, state: 'approved' })
    const plans = await listCaseResolutions(db, ctx.shop.id, c.id)
    expect(plans.find((r) => r.kind === 'charge')).toMatchObject({ amount_minor: 500, currency: 'EUR' })
    const view = await getStaffCase({ shopId: ctx.shop.id, caseNumber: number, now: new Date() })
    expect(view!.priceDifferenceMinor).toBe(500)
    expect(view!.items[0]!.exchangeVariantTitle).toBe('Oatmeal / L')
  })
})

describe('stock', () => {
  test('two staff approving at once reserve the replacement once', async () => {
    const ctx = await exchangeableOrder({
      timing: { moneyMoves: 'approval', replacementShips: 'first_scan' },
    })
    const number = await exchange(ctx, ctx.v.L)
    const other = await createStaff({ shopId: ctx.shop.id, role: 'agent' })
    const results = await Promise.all([approve(ctx, number), approve(ctx, number, other.id)])
    expect(results.map((r) => r.ok && r.changed).sort()).toEqual([false, true])
    expect(await stock(ctx.v.L)).toEqual({ available: 2, reserved: 1 })
  })

  test('stock that ran out refuses the approval in plain words and writes nothing', async () => {
    const ctx = await exchangeableOrder()
    const number = await exchange(ctx, ctx.v.L)
    // Someone else took the last units in the meantime.
    await db
      .updateTable('product_variants')
      .set({ inventory_reserved: 2 })
      .where('id', '=', ctx.v.L)
      .execute()
    const r = await approve(ctx, number)
    expect(r).toMatchObject({ ok: false, code: 'out_of_stock' })
    expect(!r.ok && r.message).toMatch(/not enough stock.*Oatmeal \/ L.*0 free, 1 needed/)
    const c = await caseRow(ctx, number)
    expect(c.state).toBe('requested')
    expect(await listCaseResolutions(db, ctx.shop.id, c.id)).toEqual([])
    expect(await stock(ctx.v.L)).toEqual({ available: 2, reserved: 2 })
    const events = await db.selectFrom('case_events').select('type').where('case_id', '=', c.id).execute()
    expect(events.map((e) => e.type)).not.toContain('approved')
  })

  test('a case canceled while its replacement waits gives the stock back', async () => {
    const ctx = await exchangeableOrder({
      timing: { moneyMoves: 'approval', replacementShips: 'first_scan' },
    })
    // Same price: nothing is charged at approval, so the buyer may still cancel.
    const number = await exchange(ctx, ctx.v.S)
    expect(await approve(ctx, number)).toMatchObject({ ok: true })
    expect(await stock(ctx.v.S)).toEqual({ available: 5, reserved: 1 })
    const c = await caseRow(ctx, number)
    expect(
      (await listCaseResolutions(db, ctx.shop.id, c.id)).find((r) => r.kind === 'replacement'),
    ).toMatchObject({
      status: 'waiting',
    })
    expect(
      await cancelCaseAsBuyer({
        shopId: ctx.shop.id,
        orderId: ctx.order.id,
        caseNumber: number,
        now: new Date(),
      }),
    ).toMatchObject({ ok: true, state: 'canceled' })
    expect(await stock(ctx.v.S)).toEqual({ available: 5, reserved: 0 })
    expect(
      (await listCaseResolutions(db, ctx.shop.id, c.id)).find((r) => r.kind === 'replacement'),
    ).toMatchObject({
      status: 'canceled',
    })
  })
})

describe('issuing', () => {
  test('sandbox: the difference is charged in the ledger and the replacement ships once, visible on the order page', async () => {
    const ctx = await exchangeableOrder()
    const number = await exchange(ctx, ctx.v.L)
    expect(await approve(ctx, number)).toMatchObject({ ok: true })
    const c = await caseRow(ctx, number)
    const outcomes = await runAll(ctx, c.id)
    expect(outcomes.every((o) => o.kind === 'issued')).toBe(true)

    const ledger = await listLedgerEntries(db, ctx.shop.id)
    expect(ledger).toEqual([
      expect.objectContaining({
        kind: 'charge',
        amount_minor: 500,
        currency: 'EUR',
        idempotency_key: `case:${c.id}:charge`,
      }),
    ])
    const parcels = await replacementShipments(ctx)
    expect(parcels).toHaveLength(1)
    expect(parcels[0]).toMatchObject({ case_id: c.id, carrier: 'ups' })
    const lines = await db
      .selectFrom('line_items')
      .select(['variant_id', 'variant_title', 'quantity', 'exchange_case_id'])
      .where('order_id', '=', ctx.order.id)
      .where('exchange_case_id', 'is not', null)
      .execute()
    expect(lines).toEqual([
      { variant_id: ctx.v.L, variant_title: 'Oatmeal / L', quantity: 1, exchange_case_id: c.id },
    ])
    expect(await stock(ctx.v.L)).toEqual({ available: 1, reserved: 0 })
    const mail = await listNotifications(db, { shopId: ctx.shop.id, template: 'case-replacement' })
    expect(mail).toHaveLength(1)
    expect(mail[0]!.payload).toMatchObject({ trackingNumber: parcels[0]!.tracking_number })

    const page = await getOrderTracking({ shopId: ctx.shop.id, orderId: ctx.order.id, now: new Date() })
    const replacement = page!.parcels.find((p) => p.replacementFor)
    expect(replacement).toMatchObject({
      replacementFor: `R-${number}`,
      trackingNumber: parcels[0]!.tracking_number,
    })
    expect(replacement!.items).toEqual([
      expect.objectContaining({ title: 'Merino Crew Sweater', variantTitle: 'Oatmeal / L' }),
    ])
    const staffView = await getStaffCase({ shopId: ctx.shop.id, caseNumber: number, now: new Date() })
    expect(staffView!.replacement).toEqual({ carrier: 'ups', trackingNumber: parcels[0]!.tracking_number })
  })

  test('a cheaper variant refunds the difference and charges nothing', async () => {
    const ctx = await exchangeableOrder()
    const number = await exchange(ctx, ctx.v.XL)
    expect(await approve(ctx, number)).toMatchObject({ ok: true })
    const c = await caseRow(ctx, number)
    expect(c.price_difference_minor).toBe(-1000)
    const kinds = (await listCaseResolutions(db, ctx.shop.id, c.id)).map((r) => [r.kind, r.amount_minor])
    expect(kinds).toContainEqual(['refund', 1000])
    expect(kinds.map((k) => k[0])).not.toContain('charge')
  })

  test('the replacement job run twice, or after a crash before its commit, ships exactly one parcel', async () => {
    const ctx = await exchangeableOrder()
    const number = await exchange(ctx, ctx.v.S)
    expect(await approve(ctx, number)).toMatchObject({ ok: true })
    const c = await caseRow(ctx, number)
    const replacement = (await listCaseResolutions(db, ctx.shop.id, c.id)).find(
      (r) => r.kind === 'replacement',
    )!
    const input = { shopId: ctx.shop.id, resolutionId: replacement.id, maxAttempts: 10, now: new Date() }

    // The process dies after the parcel was made but before the commit: a trigger fails the transaction at
    // its last write (the timeline event), so everything the run wrote rolls back.
    await sql`create or replace function test_die() returns trigger language plpgsql as $$
      begin if new.type = 'replacement_shipped' then raise exception 'worker process died'; end if; return new; end $$`.execute(
      db,
    )
    await sql`create trigger test_die before insert on case_events for each row execute function test_die()`.execute(
      db,
    )
    try {
      await expect(issueResolution(input)).rejects.toThrow(/worker process died/)
    } finally {
      await sql`drop trigger test_die on case_events`.execute(db)
      await sql`drop function test_die()`.execute(db)
    }
    expect(await replacementShipments(ctx)).toHaveLength(0)
    expect(await stock(ctx.v.S)).toEqual({ available: 5, reserved: 1 })

    const [first, second] = await Promise.all([issueResolution(input), issueResolution(input)])
    expect([first.kind, second.kind].sort()).toEqual(['issued', 'skipped'])
    expect(await issueResolution(input)).toEqual({ kind: 'skipped', reason: 'already_done' })
    // Even a record lost after the parcel was made (the row back to pending) finds it and makes no other.
    await db
      .updateTable('resolutions')
      .set({ status: 'pending', provider_id: null })
      .where('id', '=', replacement.id)
      .execute()
    expect(await issueResolution(input)).toMatchObject({ kind: 'issued' })
    expect(await replacementShipments(ctx)).toHaveLength(1)
    expect(await stock(ctx.v.S)).toEqual({ available: 4, reserved: 0 })
    const lines = await db
      .selectFrom('line_items')
      .select('id')
      .where('exchange_case_id', '=', c.id)
      .execute()
    expect(lines).toHaveLength(1)
    expect(await listNotifications(db, { shopId: ctx.shop.id, template: 'case-replacement' })).toHaveLength(1)
  })

  test('reship: the same variant as the line, no difference, one replacement parcel', async () => {
    const ctx = await exchangeableOrder()
    const policy = await db
      .selectFrom('return_policies')
      .select('id')
      .where('shop_id', '=', ctx.shop.id)
      .executeTakeFirstOrThrow()
    const caseId = crypto.randomUUID()
    const written = await db.transaction().execute((trx) =>
      writeNewCase(
        trx,
        {
          id: caseId,
          shopId: ctx.shop.id,
          orderId: ctx.order.id,
          kind: 'complaint',
          state: 'requested',
          autoApproved: false,
          policyId: policy.id,
          resolution: 'reship',
          returnMethod: null,
          complaintKind: 'damaged',
          buyerEmail: ctx.order.email,
          locale: 'en',
          currency: 'EUR',
          paidTotalMinor: 7000,
          feesTotalMinor: 0,
          totalMinor: 7000,
          bonusMinor: 0,
          issuedMinor: 0,
          idempotencyKey: crypto.randomUUID(),
          at: new Date(),
          draftId: null,
          items: [
            {
              lineItemId: ctx.line.id,
              quantity: 1,
              reason: 'damaged',
              note: null,
              paidMinor: 7000,
              restockingFeeMinor: 0,
              totalMinor: 7000,
              keepItem: true,
            },
          ],
          events: [{ type: 'requested', actor: 'buyer', details: {} }],
          mail: [],
        },
        { scheduleDelivery: false },
      ),
    )
    expect(await approve(ctx, written.number)).toMatchObject({ ok: true, state: 'approved' })
    expect(await stock(ctx.v.M)).toEqual({ available: 5, reserved: 1 })
    const plans = await listCaseResolutions(db, ctx.shop.id, caseId)
    expect(plans.map((r) => r.kind)).toEqual(['replacement'])
    await runAll(ctx, caseId)
    await runAll(ctx, caseId)
    const parcels = await replacementShipments(ctx)
    expect(parcels).toHaveLength(1)
    const lines = await db
      .selectFrom('line_items')
      .select(['variant_id', 'variant_title', 'unit_price_minor'])
      .where('exchange_case_id', '=', caseId)
      .execute()
    expect(lines).toEqual([{ variant_id: ctx.v.M, variant_title: 'Oatmeal / M', unit_price_minor: 7000 }])
    expect(await stock(ctx.v.M)).toEqual({ available: 4, reserved: 0 })
    expect((await caseRow(ctx, written.number)).state).toBe('resolved')
  })
})

describe('charging the difference through Stripe', () => {
  beforeEach(() => {
    process.env.STRIPE_SECRET_KEY = 'sk_test_homebound_fake'
    process.env.STRIPE_API_BASE = 'https://api.stripe.com'
    resetEnvCache()
    resetPaymentsProvider()
  })
  afterEach(() => {
    delete process.env.STRIPE_SECRET_KEY
    delete process.env.STRIPE_API_BASE
    resetEnvCache()
    resetPaymentsProvider()
  })

  async function chargeCase(pi: { customer: string | null; paymentMethod: string | null }) {
    fakeStripe.addPaymentIntent({ id: 'pi_order', amount: 7000, currency: 'EUR', ...pi })
    const ctx = await exchangeableOrder({ paymentReference: 'pi_order' })
    const number = await exchange(ctx, ctx.v.L)
    expect(await approve(ctx, number)).toMatchObject({ ok: true })
    const c = await caseRow(ctx, number)
    const charge = (await listCaseResolutions(db, ctx.shop.id, c.id)).find((r) => r.kind === 'charge')!
    const input = { shopId: ctx.shop.id, resolutionId: charge.id, maxAttempts: 10, now: new Date() }
    return { ctx, c, charge, input }
  }

  test('off-session on the saved card of the order: amount, currency and idempotency key; once', async () => {
    const { c, input } = await chargeCase({ customer: 'cus_cara', paymentMethod: 'pm_card_visa' })
    expect(await issueResolution(input)).toMatchObject({ kind: 'issued', status: 'succeeded' })
    expect(await issueResolution(input)).toEqual({ kind: 'skipped', reason: 'already_done' })
    const post = stripeRequests.filter((q) => q.method === 'POST')
    expect(post).toHaveLength(1)
    expect(post[0]).toMatchObject({
      path: '/v1/payment_intents',
      idempotencyKey: `case:${c.id}:charge`,
      body: expect.objectContaining({
        amount: '500',
        currency: 'eur',
        customer: 'cus_cara',
        payment_method: 'pm_card_visa',
        off_session: 'true',
        confirm: 'true',
        'metadata[caseNumber]': `R-${c.number}`,
      }),
    })
    expect(stripeCharges).toEqual([
      expect.objectContaining({ amount: 500, currency: 'eur', customer: 'cus_cara' }),
    ])
  })

  test('a run that dies after Stripe answered is retried with the same key: one charge', async () => {
    const { input } = await chargeCase({ customer: 'cus_cara', paymentMethod: 'pm_card_visa' })
    const { getPaymentsProvider } = await import('#integrations/payments')
    const real = getPaymentsProvider()
    const dying = {
      ...real,
      charge: async (i: Parameters<typeof real.charge>[0]) => {
        await real.charge(i)
        throw new Error('worker process died before recording the answer')
      },
    }
    await expect(issueResolution(input, { payments: dying })).rejects.toThrow(/worker process died/)
    expect(await issueResolution(input)).toMatchObject({ kind: 'issued', status: 'succeeded' })
    expect(stripeRequests.filter((q) => q.method === 'POST').map((q) => q.replayed)).toEqual([false, true])
    expect(stripeCharges).toHaveLength(1)
  })

  test('no saved card: failed at once with a plain sentence for support, nothing charged', async () => {
    const { input } = await chargeCase({ customer: null, paymentMethod: null })
    const r = await issueResolution(input)
    expect(r).toMatchObject({ kind: 'failed' })
    expect(r.kind === 'failed' && r.message).toMatch(/^Not charged: Stripe holds no saved card.*5\.00 EUR/)
    expect(stripeRequests.filter((q) => q.method === 'POST')).toHaveLength(0)
  })

  test('the replacement waits for the difference, and is not sent when the charge failed', async () => {
    const { ctx, c, input } = await chargeCase({ customer: null, paymentMethod: null })
    const replacement = (await listCaseResolutions(db, ctx.shop.id, c.id)).find(
      (r) => r.kind === 'replacement',
    )!
    const ship = { ...input, resolutionId: replacement.id }
    // Before the charge has run: tried again later, nothing shipped.
    await expect(issueResolution(ship)).rejects.toThrow(/Waiting for the price difference/)
    expect(await issueResolution(input)).toMatchObject({ kind: 'failed' })
    // The charge failed: the replacement is refused for good, with what support can do.
    const r = await issueResolution(ship)
    expect(r).toMatchObject({ kind: 'failed' })
    expect(r.kind === 'failed' && r.message).toMatch(/price difference was not charged/)
    const parcels = await db
      .selectFrom('shipments')
      .select('id')
      .where('shop_id', '=', ctx.shop.id)
      .where('kind', '=', 'replacement')
      .execute()
    expect(parcels).toHaveLength(0)
  })

  test('a card that needs the buyer to authenticate is refused, not retried', async () => {
    fakeStripe.requireAuthentication('pm_card_3ds')
    const { input } = await chargeCase({ customer: 'cus_cara', paymentMethod: 'pm_card_3ds' })
    const r = await issueResolution(input)
    expect(r).toMatchObject({ kind: 'failed' })
    expect(r.kind === 'failed' && r.message).toMatch(/Stripe refused the charge: .*authentication/)
    expect(stripeCharges).toHaveLength(0)
  })
})
