// The return label where people use it: the buyer's case page shows it with its PDF and drop-off code
// behind the order's token (never another order's), a sandbox label drawn on its first download (from
// what was decided when it was issued) and kept, staff open the same files signed in, the sandbox
// carrier's next scan can be brought forward from the staff page (moving the case and releasing the
// money that waited for the first scan), and admins set the return address labels are sent to.
import { beforeEach, describe, expect, test } from 'vitest'
import { action as loginAction } from '#app/routes/auth.login'
import { action as shippingAction, loader as shippingLoader } from '#app/routes/admin.shipping'
import { action as staffCaseAction, loader as staffCaseLoader } from '#app/routes/support.cases.$caseNumber'
import { loader as staffPdf } from '#app/routes/support.cases.$caseNumber_.label[.]pdf'
import { loader as buyerCaseLoader } from '#app/routes/track.$orderToken_.case.$caseNumber'
import { loader as buyerPdf } from '#app/routes/track.$orderToken_.case.$caseNumber_.label[.]pdf'
import { loader as buyerQr } from '#app/routes/track.$orderToken_.case.$caseNumber_.qr[.]png'
import { createBuyerToken } from '#app/services/buyer/access-token.server'
import {
  getCaseReturnLabel,
  readReturnLabelFile,
  type ReturnLabelView,
} from '#app/services/resolutions/return-label-view.server'
import { db } from '#db/client'
import { listCaseResolutions } from '#db/queries/resolutions'
import { drawReturnLabel, type LabelSpec } from '#integrations/carriers'
import { LABEL_BARCODE_HEIGHT } from '#integrations/carriers/sandbox/label'
import { createOrder, createShop, createStaff } from '#tests/factories'
import { decodeCode128 } from '#tests/helpers/code128'
import { barcodeWidths, readPdf } from '#tests/helpers/pdf'
import { callAction, callLoader, cookieFrom, formRequest, getRequest } from '#tests/helpers/requests'
import { approvedLabelReturn } from '#tests/helpers/labelled-return'
import { clearJobQueue, runResolutionJobs } from '#tests/helpers/resolutions'

beforeEach(() => clearJobQueue())

/** A return sent back by label, refund at the first scan (the default), approved and its label issued. */
async function labelledReturn() {
  const x = await approvedLabelReturn()
  await runResolutionJobs()
  const host = (
    await db.selectFrom('shops').select('portal_host').where('id', '=', x.shop.id).executeTakeFirstOrThrow()
  ).portal_host
  const token = createBuyerToken({ shopId: x.shop.id, orderId: x.order.id }, new Date())
  return { ...x, host, token, caseNumber: `R-${x.case.number}` }
}

async function signIn(host: string | null, who: { email: string; password: string }) {
  const login = await callAction(
    loginAction,
    formRequest(`http://${host ?? ''}/auth/login`, { email: who.email, password: who.password }),
  )
  expect(login.status).toBe(302)
  return cookieFrom(login)!
}

describe('the buyer’s case page', () => {
  test('shows the label, its PDF opens and reads, the QR code is a PNG; another order’s token gets nothing', async () => {
    const x = await labelledReturn()
    const base = `http://${x.host}/track/${x.token}/case/${x.caseNumber}`
    const page = await callLoader(buyerCaseLoader, getRequest(base), {
      orderToken: x.token,
      caseNumber: x.caseNumber,
    })
    const data = (await page.json()) as { returnLabel: ReturnLabelView; view: { state: string } }
    expect(data.view.state).toBe('awaiting_return')
    expect(data.returnLabel).toMatchObject({
      state: 'ready',
      failureMessage: null,
      canSimulateScan: false,
      parcel: { events: [] },
    })
    const trackingNumber = data.returnLabel.label!.trackingNumber

    const params = { orderToken: x.token, caseNumber: x.caseNumber }
    const pdf = await callLoader(buyerPdf, getRequest(`${base}/label.pdf`), params)
    expect(pdf.status).toBe(200)
    expect(pdf.headers.get('Content-Type')).toBe('application/pdf')
    expect(pdf.headers.get('Content-Disposition')).toBe(`inline; filename="return-label-${x.caseNumber}.pdf"`)
    const doc = await readPdf(new Uint8Array(await pdf.arrayBuffer()))
    expect(decodeCode128(barcodeWidths(doc.pages[0]!.rects, LABEL_BARCODE_HEIGHT))).toBe(trackingNumber)

    const qr = await callLoader(buyerQr, getRequest(`${base}/qr.png`), params)
    expect(qr.status).toBe(200)
    expect(qr.headers.get('Content-Type')).toBe('image/png')

    // The token of another order of the same shop opens nothing of this case; nor does a forged one.
    const other = await createOrder({ shopId: x.shop.id, items: [{ quantity: 1, unitPriceMinor: 1_000 }] })
    const otherToken = createBuyerToken({ shopId: x.shop.id, orderId: other.id }, new Date())
    for (const orderToken of [otherToken, `${x.token}x`]) {
      const res = await callLoader(buyerPdf, getRequest(`${base}/label.pdf`), { ...params, orderToken })
      expect(res.status).toBe(404)
    }
    const bad = await callLoader(buyerPdf, getRequest(`${base}/label.pdf`), { ...params, caseNumber: 'R-x' })
    expect(bad.status).toBe(404)
  })
})

describe('a sandbox label’s files', () => {
  const stored = (caseId: string) =>
    db
      .selectFrom('return_labels')
      .select(['label_pdf', 'qr_png', 'label_spec', 'has_qr'])
      .where('case_id', '=', caseId)
      .executeTakeFirstOrThrow()

  test('are not drawn by the job; the first download draws and keeps them, later ones serve what was kept', async () => {
    const x = await labelledReturn()
    const row = await stored(x.case.id)
    expect(row).toMatchObject({ label_pdf: null, qr_png: null, has_qr: true })
    expect(row.label_spec).toMatchObject({ version: 1, reference: x.caseNumber })

    const base = `http://${x.host}/track/${x.token}/case/${x.caseNumber}`
    const params = { orderToken: x.token, caseNumber: x.caseNumber }
    const first = await callLoader(buyerPdf, getRequest(`${base}/label.pdf`), params)
    expect(first.status).toBe(200)
    const pdf = Buffer.from(await first.arrayBuffer())
    const trackingNumber = (row.label_spec as { trackingNumber: string }).trackingNumber
    const doc = await readPdf(pdf)
    expect(decodeCode128(barcodeWidths(doc.pages[0]!.rects, LABEL_BARCODE_HEIGHT))).toBe(trackingNumber)
    // Both files were drawn (one QR code computation) and kept.
    const after = await stored(x.case.id)
    expect(after.label_pdf!.equals(pdf)).toBe(true)
    expect(after.qr_png!.subarray(1, 4).toString('latin1')).toBe('PNG')

    // Later downloads are the kept bytes: nothing is drawn again.
    const noDrawing = { draw: () => Promise.reject(new Error('drawn twice')) }
    const again = await readReturnLabelFile(
      { shopId: x.shop.id, caseNumber: x.case.number, orderId: x.order.id, file: 'pdf' },
      noDrawing,
    )
    expect(again!.bytes.equals(pdf)).toBe(true)
    const qr = await callLoader(buyerQr, getRequest(`${base}/qr.png`), params)
    expect(Buffer.from(await qr.arrayBuffer()).equals(after.qr_png!)).toBe(true)
  })

  test('two first downloads at once both draw, one is kept, and both serve the kept one', async () => {
    const x = await labelledReturn()
    let calls = 0
    let release!: () => void
    const bothDrawing = new Promise<void>((resolve) => (release = resolve))
    // Each drawing is told apart by a byte appended after the PDF; both wait until both have drawn.
    const draw = async (provider: string, spec: LabelSpec) => {
      const n = ++calls
      const files = await drawReturnLabel(provider, spec)
      if (calls === 2) release()
      await bothDrawing
      return { pdf: Buffer.concat([files.pdf, Buffer.from(`\n%drawing ${n}\n`)]), qrPng: files.qrPng }
    }
    const input = { shopId: x.shop.id, caseNumber: x.case.number, file: 'pdf' as const }
    const [a, b] = await Promise.all([
      readReturnLabelFile(input, { draw }),
      readReturnLabelFile(input, { draw }),
    ])
    expect(calls).toBe(2)
    expect(a!.bytes.equals(b!.bytes)).toBe(true)
    expect((await stored(x.case.id)).label_pdf!.equals(a!.bytes)).toBe(true)
    expect(a!.bytes.toString('latin1')).toMatch(/%drawing [12]\n$/)
  })

  test('a label that came drawn (EasyPost, or issued before labels were drawn on download) is served as kept', async () => {
    const x = await labelledReturn()
    const pdf = Buffer.from('%PDF-1.7 kept by the carrier\n%%EOF\n')
    await db
      .updateTable('return_labels')
      .set({ label_pdf: pdf, qr_png: null, label_spec: null, has_qr: false })
      .where('case_id', '=', x.case.id)
      .execute()
    const noDrawing = { draw: () => Promise.reject(new Error('a drawn label is not drawn again')) }
    const input = { shopId: x.shop.id, caseNumber: x.case.number }
    expect((await readReturnLabelFile({ ...input, file: 'pdf' }, noDrawing))!.bytes.equals(pdf)).toBe(true)
    expect(await readReturnLabelFile({ ...input, file: 'qr' }, noDrawing)).toBeNull()
    const view = await getCaseReturnLabel({ shopId: x.shop.id, caseId: x.case.id, forStaff: false })
    expect(view!.label!.hasQr).toBe(false)
  })

  test('drawn after the shop moved its return address, the label still shows the address it was issued to', async () => {
    const x = await labelledReturn()
    await db
      .updateTable('shops')
      .set({
        return_address: {
          name: 'New Warehouse',
          line1: '1 Harbour Road',
          city: 'Oakland',
          region: 'CA',
          postalCode: '94607',
          countryCode: 'US',
        },
      })
      .where('id', '=', x.shop.id)
      .execute()
    const file = await readReturnLabelFile({ shopId: x.shop.id, caseNumber: x.case.number, file: 'pdf' })
    const text = (await readPdf(file!.bytes)).pages[0]!.texts.join('\n')
    expect(text).toContain(`${x.shop.name} Returns`)
    expect(text).toContain('417 Montgomery Street')
    expect(text).not.toContain('New Warehouse')
    expect(text).not.toContain('Harbour Road')
  })
})

describe('staff', () => {
  test('the PDF needs a signed-in agent of the shop', async () => {
    const x = await labelledReturn()
    const url = `http://${x.host}/support/cases/${x.caseNumber}/label.pdf`
    const anonymous = await callLoader(staffPdf, getRequest(url), { caseNumber: x.caseNumber })
    expect(anonymous.status).toBe(302)
    expect(anonymous.headers.get('Location')).toMatch(/^\/auth\/login/)
    const cookie = await signIn(x.host, x.staff)
    const pdf = await callLoader(staffPdf, getRequest(url, { cookie }), { caseNumber: x.caseNumber })
    expect(pdf.status).toBe(200)
    expect(
      Buffer.from(await pdf.arrayBuffer())
        .subarray(0, 5)
        .toString('latin1'),
    ).toBe('%PDF-')
  })

  test('a sandbox scan brought forward moves the case and releases the refund; after delivery there is none left', async () => {
    const x = await labelledReturn()
    const cookie = await signIn(x.host, x.staff)
    const url = `http://${x.host}/support/cases/${x.caseNumber}`
    const params = { caseNumber: x.caseNumber }
    const refund = async () =>
      (await listCaseResolutions(db, x.shop.id, x.case.id)).find((r) => r.kind === 'refund')!
    expect((await refund()).status).toBe('waiting')

    const page = async () =>
      (await (await callLoader(staffCaseLoader, getRequest(url, { cookie }), params)).json()) as {
        view: { state: string }
        returnLabel: ReturnLabelView
      }
    expect((await page()).returnLabel.canSimulateScan).toBe(true)

    const scan = () =>
      callAction(staffCaseAction, formRequest(url, { intent: 'sandbox-scan' }, { cookie }), params)
    // The label's "created" scan, then the hand-over: the parcel is on its way and the refund goes.
    for (let i = 0; i < 4 && (await page()).view.state !== 'return_in_transit'; i++) {
      const r = await scan()
      expect(r.status).toBe(200)
      expect(((await r.json()) as { labelNotice: { ok: boolean } }).labelNotice.ok).toBe(true)
    }
    expect((await page()).view.state).toBe('return_in_transit')
    expect((await refund()).status).toBe('pending')
    await runResolutionJobs()
    expect((await refund()).status).toBe('succeeded')

    // On to delivery: the case is received; then the script has nothing more.
    let last: Response | null = null
    for (let i = 0; i < 30; i++) {
      last = await scan()
      if (last.status !== 200) break
    }
    expect(last!.status).toBe(409)
    expect(await last!.json()).toEqual({
      labelNotice: { ok: false, message: 'The parcel has no more scans: it has arrived.' },
    })
    const after = await page()
    expect(['received', 'resolved']).toContain(after.view.state)
    expect(after.returnLabel.parcel!.status).toBe('delivered')
    expect(after.returnLabel.canSimulateScan).toBe(false)
  })
})

describe('Settings → Return shipping', () => {
  test('an admin saves the return address; a bad one is refused field by field and writes nothing; agents are kept out', async () => {
    const shop = await createShop()
    const admin = await createStaff({ shopId: shop.id, role: 'admin' })
    const agent = await createStaff({ shopId: shop.id, role: 'agent' })
    const url = `http://${shop.portalHost}/admin/shipping`
    const agentCookie = await signIn(shop.portalHost, agent)
    expect((await callLoader(shippingLoader, getRequest(url, { cookie: agentCookie }))).status).toBe(403)

    const cookie = await signIn(shop.portalHost, admin)
    const before = await db
      .selectFrom('shops')
      .select(['return_address', 'label_carriers'])
      .where('id', '=', shop.id)
      .executeTakeFirstOrThrow()
    const fields = {
      name: 'Birch & Bay Returns',
      line1: 'ul. Magazynowa 12',
      line2: '',
      city: 'Pruszków',
      region: '',
      postalCode: '05800',
      countryCode: 'pl',
      phone: '',
    }
    const refused = await callAction(shippingAction, formRequest(url, { ...fields, city: '' }, { cookie }))
    expect(refused.status).toBe(422)
    const errors = ((await refused.json()) as { fieldErrors: Record<string, string> }).fieldErrors
    expect(errors).toEqual({
      city: 'Enter the city.',
      postalCode: 'This is not a postal code of Poland (like 00-950).',
    })
    expect(
      await db
        .selectFrom('shops')
        .select(['return_address', 'label_carriers'])
        .where('id', '=', shop.id)
        .executeTakeFirstOrThrow(),
    ).toEqual(before)

    const body = new URLSearchParams({ ...fields, postalCode: '05-800' })
    body.append('carriers', 'ups')
    body.append('carriers', 'inpost')
    body.append('carriers', 'dhl_express')
    const ok = await callAction(
      shippingAction,
      new Request(url, {
        method: 'POST',
        headers: { Cookie: cookie, 'Content-Type': 'application/x-www-form-urlencoded' },
        body: body.toString(),
      }),
    )
    expect(ok.status).toBe(302)
    expect(ok.headers.get('Location')).toBe('/admin/shipping?saved=1')
    const row = await db
      .selectFrom('shops')
      .select(['return_address', 'label_carriers'])
      .where('id', '=', shop.id)
      .executeTakeFirstOrThrow()
    expect(row.return_address).toMatchObject({
      city: 'Pruszków',
      postalCode: '05-800',
      countryCode: 'PL',
      line2: null,
    })
    expect(row.label_carriers).toEqual(['ups', 'dhl_express', 'inpost'])

    const unknown = new URLSearchParams({ ...fields, postalCode: '05-800', carriers: 'pigeon' })
    const refusedCarrier = await callAction(
      shippingAction,
      new Request(url, {
        method: 'POST',
        headers: { Cookie: cookie, 'Content-Type': 'application/x-www-form-urlencoded' },
        body: unknown.toString(),
      }),
    )
    expect(refusedCarrier.status).toBe(422)
    expect(((await refusedCarrier.json()) as { fieldErrors: Record<string, string> }).fieldErrors).toEqual({
      carriers: 'Not a carrier we can track: pigeon.',
    })
  })
})
