// A replacement the policy ships "on the return parcel's first scan": approval holds its stock and
// buys the return label, the replacement waits while the parcel is only a label, and the first real
// carrier scan releases it; its job then ships it once, and the order page shows the parcel.
import { expect, test } from 'vitest'
import { getOrderTracking } from '#app/services/buyer/get-order-tracking.server'
import { issueResolution } from '#app/services/resolutions/issue-resolution.server'
import { simulateReturnParcelScan } from '#app/services/resolutions/return-label-view.server'
import { db } from '#db/client'
import { listCaseResolutions } from '#db/queries/resolutions'
import {
  approve,
  caseRow,
  exchange,
  exchangeableOrder,
  replacementShipments,
  stock,
} from '#tests/helpers/exchanges'

test('the replacement waits for the return parcel’s first scan, then ships once and shows on the order page', async () => {
  const ctx = await exchangeableOrder({
    timing: { moneyMoves: 'approval', replacementShips: 'first_scan' },
  })
  // Same price: no difference to charge, so only the label and the replacement are planned.
  const number = await exchange(ctx, ctx.v.S)
  expect(await approve(ctx, number)).toMatchObject({ ok: true, state: 'approved' })
  const c = await caseRow(ctx, number)
  const resolution = async (kind: string) =>
    (await listCaseResolutions(db, ctx.shop.id, c.id)).find((r) => r.kind === kind)!
  const issue = async (kind: string) =>
    issueResolution({
      shopId: ctx.shop.id,
      resolutionId: (await resolution(kind)).id,
      maxAttempts: 10,
      now: new Date(),
    })
  expect(await stock(ctx.v.S)).toEqual({ available: 5, reserved: 1 })
  expect((await resolution('replacement')).status).toBe('waiting')

  // The label is bought; its "label created" scan is not the carrier having the parcel.
  expect(await issue('return_label')).toMatchObject({ kind: 'issued' })
  const scans: string[] = []
  for (let i = 0; i < 4 && (await resolution('replacement')).status === 'waiting'; i++) {
    const s = await simulateReturnParcelScan({ shopId: ctx.shop.id, caseNumber: number, now: new Date() })
    expect(s.ok).toBe(true)
    if (s.ok) scans.push(s.status)
    // Until the carrier has it, nothing ships.
    if (s.ok && s.status === 'pre_transit') expect((await resolution('replacement')).status).toBe('waiting')
  }
  expect(scans.at(-1)).not.toBe('pre_transit')
  expect((await resolution('replacement')).status).toBe('pending')
  expect(await replacementShipments(ctx)).toEqual([])

  // Its job ships it; a second run finds it done.
  expect(await issue('replacement')).toMatchObject({ kind: 'issued' })
  expect(await issue('replacement')).toMatchObject({ kind: 'skipped', reason: 'already_done' })
  const shipped = await replacementShipments(ctx)
  expect(shipped).toEqual([expect.objectContaining({ case_id: c.id })])
  expect(await stock(ctx.v.S)).toEqual({ available: 4, reserved: 0 })

  const page = await getOrderTracking({ shopId: ctx.shop.id, orderId: ctx.order.id, now: new Date() })
  expect(page!.parcels.map((p) => p.trackingNumber)).toContain(shipped[0]!.tracking_number)
})
