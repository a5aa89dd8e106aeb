// A return label the carrier refuses, end to end: EasyPost is switched on through the environment as in
// production (the real adapter against the HTTP fake, which refuses the buyer's postal code), the real
// issue-resolution job runs through graphile-worker, and everything lands in the database. The label
// ends failed with the carrier's sentence on the case for support; the buyer reads their own sentence on
// their case page (never the carrier's words, never "the payment") and gets one email; a second run of
// the job changes nothing.
import { sql } from 'kysely'
import { renderToStaticMarkup } from 'react-dom/server'
import { beforeEach, expect, test } from 'vitest'
import { CaseTimeline } from '#app/components/case-parts'
import { ReturnLabelPanel } from '#app/components/return-label-panel'
import { createFormatter } from '#app/i18n/format'
import { createT } from '#app/i18n/t'
import { loader as buyerCaseLoader } from '#app/routes/track.$orderToken_.case.$caseNumber'
import { createBuyerToken } from '#app/services/buyer/access-token.server'
import type { CaseView } from '#app/services/cases/case-view.server'
import { getStaffCase } from '#app/services/cases/case-view.server'
import { deliverOutbox } from '#app/services/mail/deliver-outbox.server'
import type { BuyerFailure } from '#app/services/resolutions/resolutions-view.server'
import type { ReturnLabelView } from '#app/services/resolutions/return-label-view.server'
import { db } from '#db/client'
import { listNotifications } from '#db/queries/notifications'
import { listCaseResolutions } from '#db/queries/resolutions'
import { createMailer } from '#emails/mailer'
import { easypostPurchases, easypostRequests, fakeEasypost } from '#tests/fakes/easypost'
import { approvedLabelReturn } from '#tests/helpers/labelled-return'
import { callLoader, getRequest } from '#tests/helpers/requests'
import { switchEasypostOn } from '#tests/helpers/easypost-env'
import { clearJobQueue, queuedJobs, runResolutionJobs } from '#tests/helpers/resolutions'

const REFUSED_ZIP = '99999'
const CARRIER_SENTENCE =
  'The carrier rejected an address on the label: Unable to verify address.; address: Address not found. Correct it and issue the label again.'

switchEasypostOn('whsec-integration')
beforeEach(async () => {
  await clearJobQueue()
})

/** Everything the job could change, to compare before and after a second run. */
async function snapshot(shopId: string, caseId: string) {
  const [resolutions, events, mail, c] = await Promise.all([
    listCaseResolutions(db, shopId, caseId),
    db.selectFrom('case_events').select(['id', 'type']).where('case_id', '=', caseId).orderBy('id').execute(),
    db
      .selectFrom('notifications')
      .select(['id', 'template'])
      .where('shop_id', '=', shopId)
      .orderBy('id')
      .execute(),
    db.selectFrom('cases').select(['state', 'updated_at']).where('id', '=', caseId).executeTakeFirstOrThrow(),
  ])
  const shipments = await db
    .selectFrom('shipments')
    .select('id')
    .where('shop_id', '=', shopId)
    .where('kind', '=', 'return')
    .execute()
  return { resolutions, events, mail, case: c, shipments, carrierCalls: easypostRequests.length }
}

test('a label the carrier refuses ends failed for support, tells the buyer plainly once, and a second run changes nothing', async () => {
  fakeEasypost.rejectZip(REFUSED_ZIP)
  const x = await approvedLabelReturn({ postalCode: REFUSED_ZIP })
  await runResolutionJobs()
  // Refused for good: the job ended rather than waiting for a retry.
  expect(await queuedJobs('issue-resolution')).toBe(0)

  // The carrier was asked (a return shipment from the buyer's address) and bought nothing.
  expect(easypostRequests.map((r) => `${r.method} ${r.path}`)).toContain('POST /shipments')
  expect(easypostPurchases).toHaveLength(0)

  // Failed at once (refused for good: not retried), with the carrier's sentence for support.
  const label = (await listCaseResolutions(db, x.shop.id, x.case.id)).find((r) => r.kind === 'return_label')!
  expect(label).toMatchObject({
    status: 'failed',
    provider: 'easypost',
    provider_id: null,
    attempts: 1,
    failure_message: CARRIER_SENTENCE,
  })
  // The refund still waits for the parcel's first scan; the case stays approved for support.
  const staff = (await getStaffCase({ shopId: x.shop.id, caseNumber: x.case.number, now: new Date() }))!
  expect(staff.state).toBe('approved')
  const failedEvents = staff.events.filter((e) => e.type === 'resolution_failed')
  expect(failedEvents).toHaveLength(1)
  expect(failedEvents[0]).toMatchObject({
    actor: 'system',
    message: CARRIER_SENTENCE,
    resolutionKind: 'return_label',
    details: { kind: 'return_label', provider: 'easypost', message: CARRIER_SENTENCE },
  })

  // The buyer's case page: the label panel says it failed in the buyer's words, the timeline says the
  // label (not a payment) could not be made, and the carrier's sentence never reaches them.
  const token = createBuyerToken({ shopId: x.shop.id, orderId: x.order.id }, new Date())
  const caseNumber = `R-${x.case.number}`
  const host = (
    await db.selectFrom('shops').select('portal_host').where('id', '=', x.shop.id).executeTakeFirstOrThrow()
  ).portal_host
  const page = await callLoader(
    buyerCaseLoader,
    getRequest(`http://${host ?? ''}/track/${token}/case/${caseNumber}`),
    { orderToken: token, caseNumber },
  )
  expect(page.status).toBe(200)
  const data = (await page.json()) as {
    view: CaseView
    failures: BuyerFailure[]
    returnLabel: ReturnLabelView
  }
  expect(data.returnLabel).toMatchObject({ state: 'failed', failureMessage: null, label: null })
  // The label has its own panel; nothing else failed.
  expect(data.failures).toEqual([])
  const buyerEvent = data.view.events.find((e) => e.type === 'resolution_failed')
  expect(buyerEvent).toMatchObject({ message: null, resolutionKind: 'return_label', details: {} })

  const t = createT('en')
  const f = createFormatter('en', 'UTC')
  const html = renderToStaticMarkup(
    <>
      <ReturnLabelPanel
        t={t}
        f={f}
        caseNumber={caseNumber}
        view={data.returnLabel}
        filesBase={`/track/${token}/case/${caseNumber}`}
        showQr
      />
      <CaseTimeline t={t} f={f} events={data.view.events} audience="buyer" />
    </>,
  )
  const text = html.replace(/&#x27;/g, "'")
  expect(text).toContain(
    'We could not create your return label yet. The shop’s team has been told and will send it to you; there is nothing you need to do.',
  )
  expect(text).toContain('The return label could not be created yet; the shop team is on it')
  expect(text).not.toMatch(/payment|Unable to verify|EasyPost|carrier rejected/i)

  // One email to the buyer, in their words, about the label.
  const mail = await listNotifications(db, { shopId: x.shop.id, template: 'resolution-failed' })
  expect(mail).toHaveLength(1)
  expect(mail[0]).toMatchObject({
    dedupe_key: `resolution-failed:${label.id}`,
    to_email: x.order.email,
    payload: { caseNumber, kind: 'return_label' },
  })
  const mailer = createMailer({ smtpUrl: undefined })
  await deliverOutbox({ now: new Date(), mailer })
  await mailer.close()
  const sent = await db
    .selectFrom('notifications')
    .select(['subject', 'body_text', 'status'])
    .where('shop_id', '=', x.shop.id)
    .where('template', '=', 'resolution-failed')
    .executeTakeFirstOrThrow()
  expect(sent.subject).toBe(`We could not create the return label for request ${caseNumber} yet`)
  expect(sent.body_text).toContain('Please keep the items until the label reaches you.')
  // The case details still say what the buyer gets (a refund to their payment method); no provider words.
  expect(sent.body_text).not.toMatch(/Unable to verify|EasyPost|carrier rejected|did not go through/i)

  // The same job again (a duplicate, a redelivery): nothing is asked, written or sent.
  const before = await snapshot(x.shop.id, x.case.id)
  await sql`select graphile_worker.add_job('issue-resolution', ${JSON.stringify({
    shopId: x.shop.id,
    resolutionId: label.id,
  })}::json)`.execute(db)
  expect(await queuedJobs('issue-resolution')).toBe(1)
  await runResolutionJobs()
  // It ran (and ended: a done resolution is no error to retry) ...
  expect(await queuedJobs('issue-resolution')).toBe(0)
  // ... and found nothing to do.
  expect(await snapshot(x.shop.id, x.case.id)).toEqual(before)
})
