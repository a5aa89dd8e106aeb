// Exactly once, for every kind the sandbox providers issue: store credit, a coupon and a return label
// (refunds through Stripe, replacements and charges have their own tests). Each is forced twice over:
// two jobs for the same resolution at the same moment, and a run that dies after the provider answered
// and before our commit, retried with the same key. Each time the provider holds one effect and we hold
// one record with one timeline event.
import { describe, expect, test } from 'vitest'
import { issueResolution } from '#app/services/resolutions/issue-resolution.server'
import { db } from '#db/client'
import { listCaseResolutions } from '#db/queries/resolutions'
import { listLedgerEntries } from '#db/queries/sandbox-ledger'
import { getPaymentsProvider } from '#integrations/payments'
import { getCarrier } from '#integrations/carriers'
import { approveMoneyCase, openMoneyCase } from '#tests/helpers/resolutions'
import { approvedLabelReturn } from '#tests/helpers/labelled-return'
import { getStaffCase } from '#app/services/cases/case-view.server'

const EVENT = { store_credit: 'credit_issued', coupon: 'coupon_issued' } as const

async function eventCount(shopId: string, caseNumber: number, type: string) {
  const view = (await getStaffCase({ shopId, caseNumber, now: new Date() }))!
  return view.events.filter((e) => e.type === type).length
}

describe.each(['store_credit', 'coupon'] as const)('%s', (kind) => {
  test('two jobs at the same moment: one ledger entry, one record, one event', async () => {
    const x = await openMoneyCase({ valueMinor: 3_000, resolution: kind })
    expect((await approveMoneyCase(x)).ok).toBe(true)
    const [r] = await listCaseResolutions(db, x.shop.id, x.case.id)
    const input = { shopId: x.shop.id, resolutionId: r!.id, maxAttempts: 10, now: new Date() }
    const outcomes = await Promise.all([
      issueResolution(input),
      issueResolution(input),
      issueResolution(input),
    ])
    expect(outcomes.filter((o) => o.kind === 'issued')).toHaveLength(1)
    expect(outcomes.filter((o) => o.kind === 'skipped')).toHaveLength(2)
    expect(await listLedgerEntries(db, x.shop.id)).toHaveLength(1)
    expect(await listCaseResolutions(db, x.shop.id, x.case.id)).toEqual([
      expect.objectContaining({ kind, status: 'succeeded' }),
    ])
    expect(await eventCount(x.shop.id, x.case.number, EVENT[kind])).toBe(1)
  })

  test('a run that dies after the provider answered is retried with the same key: still one of each', async () => {
    const x = await openMoneyCase({ valueMinor: 3_000, resolution: kind })
    await approveMoneyCase(x)
    const [r] = await listCaseResolutions(db, x.shop.id, x.case.id)
    const real = getPaymentsProvider()
    const die = () => {
      throw new Error('worker process died before recording the answer')
    }
    const dying = {
      ...real,
      createCoupon: async (i: Parameters<typeof real.createCoupon>[0]) => (await real.createCoupon(i), die()),
      issueStoreCredit: async (i: Parameters<NonNullable<typeof real.issueStoreCredit>>[0]) => (
        await real.issueStoreCredit!(i),
        die()
      ),
    }
    const input = { shopId: x.shop.id, resolutionId: r!.id, maxAttempts: 10, now: new Date() }
    await expect(issueResolution(input, { payments: dying })).rejects.toThrow(/worker process died/)
    // The provider took it; our record did not: still pending, one try counted.
    expect(await listLedgerEntries(db, x.shop.id)).toHaveLength(1)
    expect((await listCaseResolutions(db, x.shop.id, x.case.id))[0]).toMatchObject({
      status: 'pending',
      provider_id: null,
      attempts: 1,
    })

    const retried = await issueResolution(input)
    expect(retried).toMatchObject({ kind: 'issued', status: 'succeeded' })
    const ledger = await listLedgerEntries(db, x.shop.id)
    expect(ledger).toHaveLength(1)
    const rows = await listCaseResolutions(db, x.shop.id, x.case.id)
    expect(rows).toEqual([expect.objectContaining({ status: 'succeeded', attempts: 2 })])
    // The record points at the provider's one entry: a credit by its reference, a coupon by its code.
    if (kind === 'coupon') expect(rows[0]!.code).toBe(ledger[0]!.reference)
    else expect(rows[0]!.provider_id).toBe(ledger[0]!.reference)
    expect(await eventCount(x.shop.id, x.case.number, EVENT[kind])).toBe(1)
  })
})

describe('return label of a case sent back by label', () => {
  test('two jobs at once, then a run that dies after the carrier answered: one label, one parcel, one event', async () => {
    const x = await approvedLabelReturn()
    const label = (await listCaseResolutions(db, x.shop.id, x.case.id)).find(
      (r) => r.kind === 'return_label',
    )!
    const real = getCarrier()
    const dying = {
      ...real,
      createReturnLabel: async (req: Parameters<typeof real.createReturnLabel>[0]) => {
        await real.createReturnLabel(req)
        throw new Error('worker process died before recording the answer')
      },
    }
    const input = { shopId: x.shop.id, resolutionId: label.id, maxAttempts: 10, now: new Date() }
    await expect(issueResolution(input, { carrier: dying })).rejects.toThrow(/worker process died/)
    const counts = async () => ({
      labels: Number(
        (
          await db
            .selectFrom('return_labels')
            .select((eb) => eb.fn.countAll().as('n'))
            .where('shop_id', '=', x.shop.id)
            .executeTakeFirstOrThrow()
        ).n,
      ),
      parcels: Number(
        (
          await db
            .selectFrom('shipments')
            .select((eb) => eb.fn.countAll().as('n'))
            .where('shop_id', '=', x.shop.id)
            .where('kind', '=', 'return')
            .executeTakeFirstOrThrow()
        ).n,
      ),
    })
    expect(await counts()).toEqual({ labels: 0, parcels: 0 })

    const outcomes = await Promise.all([issueResolution(input), issueResolution(input)])
    expect(outcomes.filter((o) => o.kind === 'issued')).toHaveLength(1)
    expect(await counts()).toEqual({ labels: 1, parcels: 1 })
    expect(await issueResolution(input)).toEqual({ kind: 'skipped', reason: 'already_done' })
    expect(await counts()).toEqual({ labels: 1, parcels: 1 })
    expect(await eventCount(x.shop.id, x.case.number, 'return_label_created')).toBe(1)
  })
})
