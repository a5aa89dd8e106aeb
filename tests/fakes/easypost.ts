// An HTTP-level fake of EasyPost's tracker API (POST /v2/trackers, GET /v2/trackers/:id) and of the
// shipment calls return labels make (create, retrieve by id or reference, buy, label conversion, forms,
// and the label files), with the state tests set up and every request recorded so tests can assert what
// the adapter sent. Objects are shaped like EasyPost's documented Tracker and Shipment (see its API
// reference's example responses); webhook Events are built and signed like EasyPost's.
import { http, HttpResponse } from 'msw'
import { PDFDocument, StandardFonts } from 'pdf-lib'
import { isCarrierCode } from '#app/domain/tracking/carriers'
import { carrierCodeOfEasypost, signEasypostBody } from '#integrations/carriers/easypost'
import { generateTrackingNumber } from '#integrations/carriers/formats'

const BASE = 'https://api.easypost.com/v2'

export interface FakeTrackingDetail {
  status: string
  status_detail?: string | null
  message: string
  datetime: string
  city?: string | null
  state?: string | null
  country?: string | null
}

export interface FakeTracker {
  id: string
  tracking_code: string
  carrier: string
  status: string
  status_detail: string | null
  est_delivery_date: string | null
  tracking_details: FakeTrackingDetail[]
}

export interface RecordedRequest {
  method: string
  path: string
  authorization: string | null
  contentType: string | null
  body: unknown
}

type Failure = {
  status: number
  headers?: Record<string, string>
  body?: unknown
  /** Only a request whose method and path match (e.g. /^POST \/shipments$/); any request when absent. */
  on?: RegExp
}

export interface FakeRate {
  carrier: string
  service: string
  rate: string
  currency?: string
  delivery_days?: number | null
}

interface FakeShipment {
  id: string
  reference: string | null
  is_return: boolean
  to_address: Record<string, unknown>
  from_address: Record<string, unknown>
  parcel: Record<string, unknown>
  options: Record<string, unknown>
  rates: (Required<FakeRate> & { id: string })[]
  messages: { carrier: string; type: string; message: string }[]
  selected_rate: (Required<FakeRate> & { id: string }) | null
  tracking_code: string | null
  tracker_id: string | null
  label_png_url: string | null
  label_pdf_url: string | null
  forms: { form_type: string; form_url: string }[]
}

const FILES = 'https://easypost-files.s3.us-west-2.amazonaws.com/files'

/** What EasyPost's rating returns when a test sets nothing else: the cheapest is FedEx Ground. */
export const DEFAULT_RATES: FakeRate[] = [
  { carrier: 'USPS', service: 'Priority', rate: '7.47', delivery_days: 2 },
  { carrier: 'USPS', service: 'GroundAdvantage', rate: '8.92', delivery_days: 5 },
  { carrier: 'UPS', service: 'Ground', rate: '10.12', delivery_days: 3 },
  { carrier: 'FedEx', service: 'FEDEX_GROUND', rate: '6.55', delivery_days: 4 },
  { carrier: 'Asendia', service: 'ePAQ', rate: '3.10', delivery_days: 9 },
]

const trackers = new Map<string, FakeTracker>()
const failures: Failure[] = []
const shipments = new Map<string, FakeShipment>()
const files = new Map<string, { bytes: Uint8Array; type: string }>()
let rates: FakeRate[] = DEFAULT_RATES
let rejectedZips = new Set<string>()
let pdfOnPurchase = true
export const easypostRequests: RecordedRequest[] = []
/** Every purchase EasyPost made (one per bought shipment): what must never happen twice for a case. */
export const easypostPurchases: { shipmentId: string; rateId: string; reference: string | null }[] = []
let seq = 0

function nextId(prefix: string): string {
  seq++
  return `${prefix}_${seq.toString(16).padStart(32, '0')}`
}

/** The Tracker JSON EasyPost returns, with the fields it carries beyond the ones we read. */
export function trackerJson(t: FakeTracker) {
  return {
    id: t.id,
    object: 'Tracker',
    mode: 'test',
    tracking_code: t.tracking_code,
    status: t.status,
    status_detail: t.status_detail,
    created_at: '2025-03-01T10:00:00Z',
    updated_at: '2025-03-01T10:00:00Z',
    signed_by: null,
    weight: null,
    est_delivery_date: t.est_delivery_date,
    shipment_id: null,
    carrier: t.carrier,
    tracking_details: t.tracking_details.map((d) => ({
      object: 'TrackingDetail',
      message: d.message,
      description: '',
      status: d.status,
      status_detail: d.status_detail ?? null,
      datetime: d.datetime,
      source: t.carrier,
      carrier_code: '',
      tracking_location: {
        object: 'TrackingLocation',
        city: d.city ?? null,
        state: d.state ?? null,
        country: d.country ?? null,
        zip: null,
      },
    })),
    carrier_detail: null,
    finalized: false,
    is_return: false,
    public_url: `https://track.easypost.com/${t.id}`,
    fees: [],
  }
}

export const fakeEasypost = {
  /** Declares what EasyPost knows about a tracking number; returns the tracker (id assigned when absent). */
  setTracker(t: Omit<FakeTracker, 'id'> & { id?: string }): FakeTracker {
    const existing = [...trackers.values()].find((x) => x.tracking_code === t.tracking_code)
    const tracker = { ...t, id: t.id ?? existing?.id ?? nextId('trk') }
    trackers.set(tracker.id, tracker)
    return tracker
  },
  tracker(id: string): FakeTracker | undefined {
    return trackers.get(id)
  },
  /** The next request (matching `on`, when given) answers with this failure instead (queued, one each). */
  failNext(failure: Failure) {
    failures.push(failure)
  },
  /** The rates newly created shipments get. */
  setRates(next: FakeRate[]) {
    rates = next
  },
  /** Creating a shipment to or from this ZIP fails like EasyPost's address verification does (422). */
  rejectZip(zip: string) {
    rejectedZips.add(zip)
  },
  /** Whether a purchase comes with a PDF of the label, or only the PNG (then it must be converted). */
  labelPdfOnPurchase(value: boolean) {
    pdfOnPurchase = value
  },
  shipment(idOrReference: string): FakeShipment | undefined {
    return findShipment(idOrReference)
  },
  shipments(): FakeShipment[] {
    return [...shipments.values()]
  },
  reset() {
    trackers.clear()
    failures.length = 0
    easypostRequests.length = 0
    easypostPurchases.length = 0
    shipments.clear()
    files.clear()
    rates = DEFAULT_RATES
    rejectedZips = new Set()
    pdfOnPurchase = true
  },
}

function findShipment(idOrReference: string): FakeShipment | undefined {
  return shipments.get(idOrReference) ?? [...shipments.values()].find((s) => s.reference === idOrReference)
}

/** A small real PDF standing for a carrier's label, with the tracking number in it. */
async function labelPdf(trackingCode: string): Promise<Uint8Array> {
  const pdf = await PDFDocument.create()
  const page = pdf.addPage([288, 432])
  page.drawText(`EASYPOST TEST LABEL ${trackingCode}`, {
    x: 10,
    y: 400,
    size: 10,
    font: await pdf.embedFont(StandardFonts.Helvetica),
  })
  return pdf.save()
}

// A 1×1 PNG: enough for "is this a PNG" (EasyPost's QR forms are images).
const PNG_1X1 = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAAAAAA6fptVAAAACklEQVR4nGNgAAAAAgABSK+kcQAAAABJRU5ErkJggg==',
  'base64',
)

function rateJson(shipmentId: string, r: Required<FakeRate> & { id: string }) {
  return {
    id: r.id,
    object: 'Rate',
    created_at: '2025-03-01T10:00:00Z',
    updated_at: '2025-03-01T10:00:00Z',
    mode: 'test',
    service: r.service,
    carrier: r.carrier,
    rate: r.rate,
    currency: r.currency,
    retail_rate: r.rate,
    retail_currency: r.currency,
    list_rate: r.rate,
    list_currency: r.currency,
    billing_type: 'easypost',
    delivery_days: r.delivery_days,
    delivery_date: null,
    delivery_date_guaranteed: false,
    est_delivery_days: r.delivery_days,
    shipment_id: shipmentId,
    carrier_account_id: 'ca_0000',
  }
}

/** The Shipment JSON EasyPost returns (the fields of its documented example that matter here). */
export function shipmentJson(s: FakeShipment) {
  const tracker = s.tracker_id ? trackers.get(s.tracker_id) : undefined
  return {
    id: s.id,
    object: 'Shipment',
    mode: 'test',
    reference: s.reference,
    is_return: s.is_return,
    status: 'unknown',
    tracking_code: s.tracking_code,
    created_at: '2025-03-01T10:00:00Z',
    updated_at: '2025-03-01T10:00:00Z',
    options: { currency: 'USD', ...s.options },
    to_address: { object: 'Address', ...s.to_address },
    from_address: { object: 'Address', ...s.from_address },
    parcel: { object: 'Parcel', ...s.parcel },
    rates: s.rates.map((r) => rateJson(s.id, r)),
    messages: s.messages,
    selected_rate: s.selected_rate ? rateJson(s.id, s.selected_rate) : null,
    postage_label: s.label_png_url
      ? {
          object: 'PostageLabel',
          id: `pl_${s.id.slice(4)}`,
          label_date: '2025-03-01T10:00:00Z',
          label_resolution: 300,
          label_size: '4x6',
          label_type: 'default',
          label_file_type: 'image/png',
          label_url: s.label_png_url,
          label_pdf_url: s.label_pdf_url,
          label_zpl_url: null,
          label_epl2_url: null,
          label_file: null,
        }
      : null,
    tracker: tracker ? trackerJson(tracker) : null,
    forms: s.forms.map((f) => ({
      object: 'Form',
      id: `form_${f.form_type}`,
      ...f,
      submitted_electronically: null,
    })),
    fees: [],
    insurance: null,
    refund_status: null,
    scan_form: null,
    usps_zone: 4,
  }
}

/** A webhook Event as EasyPost POSTs it, signed with `secret` (or with a given signature header). */
export function easypostWebhook(
  tracker: FakeTracker,
  options: { secret: string; eventId?: string; description?: string },
) {
  const event = {
    object: 'Event',
    id: options.eventId ?? nextId('evt'),
    mode: 'test',
    description: options.description ?? 'tracker.updated',
    previous_attributes: { status: 'unknown' },
    created_at: '2025-03-01T10:00:00Z',
    updated_at: '2025-03-01T10:00:00Z',
    pending_urls: [],
    completed_urls: [],
    user_id: 'user_0000',
    status: 'pending',
    result: trackerJson(tracker),
  }
  const body = JSON.stringify(event)
  return { event, body, signature: signEasypostBody(body, options.secret) }
}

async function record(request: Request, path: string) {
  const text = await request.text()
  let body: unknown = null
  if (text) {
    try {
      body = JSON.parse(text)
    } catch {
      body = text
    }
  }
  easypostRequests.push({
    method: request.method,
    path,
    authorization: request.headers.get('authorization'),
    contentType: request.headers.get('content-type'),
    body,
  })
}

function failure(request?: Request, path?: string): Response | undefined {
  const key = request && path ? `${request.method} ${path}` : undefined
  const index = failures.findIndex((f) => !f.on || (key !== undefined && f.on.test(key)))
  if (index === -1) return undefined
  const [f] = failures.splice(index, 1)
  if (!f) return undefined
  return HttpResponse.json((f.body ?? { error: { code: 'FAKE.FAILURE', message: 'failure' } }) as never, {
    status: f.status,
    headers: f.headers,
  })
}

function notFound() {
  return HttpResponse.json(
    {
      error: { code: 'TRACKER.NOT_FOUND', message: 'The requested resource could not be found.', errors: [] },
    },
    { status: 404 },
  )
}

export const easypostHandlers = [
  http.post(`${BASE}/trackers`, async ({ request }) => {
    await record(request, '/trackers')
    const failed = failure(request, '/trackers')
    if (failed) return failed
    const body = easypostRequests.at(-1)!.body as { tracker?: { tracking_code?: string } } | null
    const code = body?.tracker?.tracking_code
    const tracker = [...trackers.values()].find((t) => t.tracking_code === code)
    if (!tracker) return notFound()
    return HttpResponse.json(trackerJson(tracker))
  }),
  http.get(`${BASE}/trackers/:id`, async ({ request, params }) => {
    await record(request, `/trackers/${String(params.id)}`)
    const failed = failure(request, `/trackers/${String(params.id)}`)
    if (failed) return failed
    const tracker = trackers.get(String(params.id))
    return tracker ? HttpResponse.json(trackerJson(tracker)) : notFound()
  }),
  http.post(`${BASE}/shipments`, async ({ request }) => {
    await record(request, '/shipments')
    const failed = failure(request, '/shipments')
    if (failed) return failed
    const body = (easypostRequests.at(-1)!.body ?? {}) as { shipment?: Record<string, unknown> }
    const sh = body.shipment ?? {}
    const to = (sh.to_address ?? {}) as Record<string, unknown>
    const from = (sh.from_address ?? {}) as Record<string, unknown>
    for (const a of [to, from]) {
      if (rejectedZips.has(String(a.zip))) {
        return HttpResponse.json(
          {
            error: {
              code: 'ADDRESS.VERIFY.FAILURE',
              message: 'Unable to verify address.',
              errors: [{ field: 'address', message: 'Address not found', suggestion: null }],
            },
          },
          { status: 422 },
        )
      }
    }
    if (!sh.parcel || !to.street1 || !from.street1) {
      return HttpResponse.json(
        { error: { code: 'SHIPMENT.INVALID_PARAMS', message: 'Missing required parameter.', errors: [] } },
        { status: 422 },
      )
    }
    const id = nextId('shp')
    const shipment: FakeShipment = {
      id,
      reference: typeof sh.reference === 'string' ? sh.reference : null,
      is_return: sh.is_return === true,
      to_address: to,
      from_address: from,
      parcel: sh.parcel as Record<string, unknown>,
      options: (sh.options ?? {}) as Record<string, unknown>,
      rates: rates.map((r) => ({ currency: 'USD', delivery_days: null, ...r, id: nextId('rate') })),
      messages: rates.length
        ? []
        : [{ carrier: 'USPS', type: 'rate_error', message: 'Unable to retrieve rates.' }],
      selected_rate: null,
      tracking_code: null,
      tracker_id: null,
      label_png_url: null,
      label_pdf_url: null,
      forms: [],
    }
    shipments.set(id, shipment)
    return HttpResponse.json(shipmentJson(shipment), { status: 201 })
  }),
  http.get(`${BASE}/shipments/:id`, async ({ request, params }) => {
    const path = `/shipments/${String(params.id)}`
    await record(request, path)
    const failed = failure(request, path)
    if (failed) return failed
    const shipment = findShipment(String(params.id))
    if (!shipment) {
      return HttpResponse.json(
        { error: { code: 'NOT_FOUND', message: 'The requested resource could not be found.', errors: [] } },
        { status: 404 },
      )
    }
    return HttpResponse.json(shipmentJson(shipment))
  }),
  http.post(`${BASE}/shipments/:id/buy`, async ({ request, params }) => {
    const path = `/shipments/${String(params.id)}/buy`
    await record(request, path)
    const failed = failure(request, path)
    if (failed) return failed
    const shipment = shipments.get(String(params.id))
    if (!shipment)
      return HttpResponse.json({ error: { code: 'NOT_FOUND', message: 'Not found' } }, { status: 404 })
    if (shipment.selected_rate) {
      return HttpResponse.json(
        {
          error: {
            code: 'SHIPMENT.POSTAGE.EXISTS',
            message: 'Postage already exists for this shipment.',
            errors: [],
          },
        },
        { status: 422 },
      )
    }
    const rateId = ((easypostRequests.at(-1)!.body ?? {}) as { rate?: { id?: string } }).rate?.id
    const rate = shipment.rates.find((r) => r.id === rateId)
    if (!rate) {
      return HttpResponse.json(
        {
          error: {
            code: 'SHIPMENT.RATE.NOT_FOUND',
            message: 'Rate not found for this shipment.',
            errors: [],
          },
        },
        { status: 422 },
      )
    }
    const code = carrierCodeOfEasypost(rate.carrier)
    const n = ++seq
    const trackingCode =
      code && isCarrierCode(code) ? generateTrackingNumber(code, 4_000_000 + n) : `EZ${1000000000 + n}`
    shipment.selected_rate = rate
    shipment.tracking_code = trackingCode
    const stamp = String(n).padStart(6, '0')
    shipment.label_png_url = `${FILES}/postage_label/20250301/${stamp}.png`
    files.set(shipment.label_png_url, { bytes: PNG_1X1, type: 'image/png' })
    if (pdfOnPurchase) {
      shipment.label_pdf_url = `${FILES}/postage_label/20250301/${stamp}.pdf`
      files.set(shipment.label_pdf_url, { bytes: await labelPdf(trackingCode), type: 'application/pdf' })
    }
    const tracker = fakeEasypost.setTracker({
      tracking_code: trackingCode,
      carrier: rate.carrier,
      status: 'pre_transit',
      status_detail: 'label_created',
      est_delivery_date: null,
      tracking_details: [],
    })
    shipment.tracker_id = tracker.id
    easypostPurchases.push({ shipmentId: shipment.id, rateId: rate.id, reference: shipment.reference })
    return HttpResponse.json(shipmentJson(shipment))
  }),
  http.get(`${BASE}/shipments/:id/label`, async ({ request, params }) => {
    const path = `/shipments/${String(params.id)}/label`
    await record(request, path)
    const failed = failure(request, path)
    if (failed) return failed
    const shipment = shipments.get(String(params.id))
    const format = new URL(request.url).searchParams.get('file_format')
    if (!shipment || !shipment.tracking_code || format !== 'PDF') {
      return HttpResponse.json(
        { error: { code: 'SHIPMENT.LABEL.INVALID', message: 'No label to convert' } },
        { status: 422 },
      )
    }
    shipment.label_pdf_url = shipment.label_png_url!.replace(/\.png$/, '.pdf')
    files.set(shipment.label_pdf_url, {
      bytes: await labelPdf(shipment.tracking_code),
      type: 'application/pdf',
    })
    return HttpResponse.json(shipmentJson(shipment))
  }),
  http.post(`${BASE}/shipments/:id/forms`, async ({ request, params }) => {
    const path = `/shipments/${String(params.id)}/forms`
    await record(request, path)
    const failed = failure(request, path)
    if (failed) return failed
    const shipment = shipments.get(String(params.id))
    const type = ((easypostRequests.at(-1)!.body ?? {}) as { form?: { type?: string } }).form?.type
    if (
      !shipment ||
      !shipment.tracking_code ||
      type !== 'label_qr_code' ||
      shipment.selected_rate?.carrier !== 'USPS'
    ) {
      return HttpResponse.json(
        { error: { code: 'FORM.INVALID', message: 'This form is not available for this shipment.' } },
        { status: 422 },
      )
    }
    const url = `${FILES}/form/20250301/${shipment.id}-qr.png`
    files.set(url, { bytes: PNG_1X1, type: 'image/png' })
    shipment.forms.push({ form_type: 'label_qr_code', form_url: url })
    return HttpResponse.json(shipmentJson(shipment))
  }),
  http.get(`${FILES}/*`, ({ request }) => {
    const file = files.get(request.url)
    if (!file) return new HttpResponse('<Error><Code>NoSuchKey</Code></Error>', { status: 404 })
    return new HttpResponse(file.bytes, { headers: { 'Content-Type': file.type } })
  }),
]
