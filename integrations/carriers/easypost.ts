// EasyPost's REST API v2 behind the Carrier interface: trackers for our shipments (created once, fetched
// again by id when a webhook may have been missed), its signed webhook Events, and return labels
// (a return Shipment, its cheapest allowed Rate bought, the label as PDF, the drop-off QR code where the
// carrier has one). Every response is zod-parsed here and mapped onto the normalized model; nothing
// EasyPost-shaped leaves this file.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto'
import { z } from 'zod'
import { chooseCheapestRate, decimalToMinor, type RateQuote } from '#app/domain/labels/label-carriers'
import type { CarrierCode } from '#app/domain/tracking/carriers'
import { normalizeEasypostStatus } from '#app/domain/tracking/normalize-status'
import {
  CarrierError,
  type Carrier,
  type CarrierEvent,
  type CarrierWebhookResult,
  type LabelAddress,
  type LabelParcel,
  type ReturnLabel,
  type ReturnLabelRequest,
  type TrackingSnapshot,
  type TrackRequest,
} from './carrier'

export const EASYPOST_BASE_URL = 'https://api.easypost.com/v2'
export const EASYPOST_SIGNATURE_HEADER = 'x-hmac-signature'
const SIGNATURE_PREFIX = 'hmac-sha256-hex='

// ---------------------------------------------------------------------------------------------------
// Response shapes (only the fields we use; EasyPost adds fields over time, so objects are not strict)

const nullableString = z
  .string()
  .nullish()
  .transform((v) => v ?? null)

const dateString = z.string().refine((v) => !Number.isNaN(Date.parse(v)), 'must be a date')

const TrackingLocationSchema = z
  .object({ city: nullableString, state: nullableString, country: nullableString, zip: nullableString })
  .nullish()

const TrackingDetailSchema = z.object({
  status: z.string(),
  status_detail: nullableString,
  message: nullableString,
  description: nullableString,
  datetime: dateString,
  source: nullableString,
  tracking_location: TrackingLocationSchema,
})

export const TrackerSchema = z.object({
  id: z.string().min(1),
  object: z.literal('Tracker'),
  tracking_code: z.string().min(1),
  status: z.string(),
  status_detail: nullableString,
  carrier: nullableString,
  est_delivery_date: dateString.nullish(),
  tracking_details: z.array(TrackingDetailSchema).default([]),
})
export type EasypostTracker = z.infer<typeof TrackerSchema>

export const EventSchema = z.object({
  id: z.string().min(1),
  object: z.literal('Event'),
  description: z.string(),
  mode: nullableString,
  created_at: nullableString,
  result: z.unknown(),
})

const ErrorBodySchema = z.object({
  error: z
    .object({
      code: z.string().optional(),
      message: z.string().optional(),
      // Field errors come as objects or as plain strings.
      errors: z
        .array(
          z.union([z.string(), z.object({ field: nullableString, message: nullableString }).passthrough()]),
        )
        .optional(),
    })
    .passthrough(),
})

export const RateSchema = z.object({
  id: z.string().min(1),
  carrier: z.string(),
  service: z.string(),
  rate: z.string(),
  currency: z.string().regex(/^[A-Z]{3}$/),
  delivery_days: z.number().int().nullish(),
})

const PostageLabelSchema = z.object({
  label_url: nullableString,
  label_pdf_url: nullableString,
  label_file_type: nullableString,
})

const FormSchema = z.object({ form_type: z.string(), form_url: nullableString })

const ShipmentMessageSchema = z
  .object({ carrier: nullableString, type: nullableString, message: z.unknown() })
  .passthrough()

export const ShipmentSchema = z.object({
  id: z.string().min(1),
  object: z.literal('Shipment'),
  reference: nullableString,
  is_return: z.boolean().nullish(),
  tracking_code: nullableString,
  rates: z.array(RateSchema).default([]),
  selected_rate: RateSchema.nullish(),
  postage_label: PostageLabelSchema.nullish(),
  tracker: z
    .object({ id: z.string().min(1) })
    .passthrough()
    .nullish(),
  forms: z.array(FormSchema).nullish(),
  messages: z.array(ShipmentMessageSchema).nullish(),
})
export type EasypostShipment = z.infer<typeof ShipmentSchema>

// ---------------------------------------------------------------------------------------------------
// Errors

export type EasypostErrorKind = 'rate_limited' | 'client' | 'server' | 'invalid_response' | 'network'

/** A failed EasyPost call. The poll job postpones the parcel; `retryAfterMs` says how long when known. */
export class EasypostError extends Error {
  constructor(
    readonly kind: EasypostErrorKind,
    message: string,
    readonly details: {
      status?: number
      code?: string
      /** EasyPost's own sentence, and its per-field problems ("street1: House number is missing"). */
      message?: string
      fieldErrors?: string[]
      retryAfterMs?: number
    } = {},
  ) {
    super(message)
    this.name = 'EasypostError'
  }
}

function retryAfterMs(header: string | null, now: number): number | undefined {
  if (!header) return undefined
  const seconds = Number(header)
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000
  const at = Date.parse(header)
  return Number.isNaN(at) ? undefined : Math.max(0, at - now)
}

// ---------------------------------------------------------------------------------------------------
// Mapping

// EasyPost's carrier names for the carriers we are sure of; others are left to EasyPost's own detection.
const EASYPOST_CARRIERS: Partial<Record<CarrierCode, string>> = {
  ups: 'UPS',
  usps: 'USPS',
  fedex: 'FedEx',
  dhl_express: 'DHLExpress',
  canada_post: 'CanadaPost',
  purolator: 'Purolator',
  ontrac: 'OnTrac',
  lasership: 'LaserShip',
  australia_post: 'AustraliaPost',
  royal_mail: 'RoyalMail',
}

export function easypostCarrierName(code: CarrierCode): string | undefined {
  return EASYPOST_CARRIERS[code]
}

/** Our code for a carrier as EasyPost names it in a Rate ("USPS", "DHLExpress"); undefined when untracked. */
export function carrierCodeOfEasypost(name: string): CarrierCode | undefined {
  const wanted = name.toLowerCase().replace(/[\s_-]/g, '')
  for (const [code, ep] of Object.entries(EASYPOST_CARRIERS) as [CarrierCode, string][]) {
    if (ep.toLowerCase() === wanted) return code
  }
  return undefined
}

function formatLocation(location: z.infer<typeof TrackingLocationSchema>): string | null {
  if (!location) return null
  const parts = [location.city, location.state, location.country].filter(
    (p): p is string => typeof p === 'string' && p.trim() !== '',
  )
  return parts.length ? parts.map((p) => p.trim()).join(', ') : null
}

/** The raw codes as EasyPost sent them: `status` or `status/status_detail`. */
function rawStatusOf(status: string, statusDetail: string | null): string {
  return statusDetail ? `${status}/${statusDetail}` : status
}

/**
 * One tracking detail as a normalized scan. EasyPost gives scans no id, so the dedupe key is a hash of
 * what identifies the scan: the same scan fetched or pushed again hashes the same.
 */
export function mapTrackingDetail(detail: z.infer<typeof TrackingDetailSchema>): CarrierEvent {
  const normalized = normalizeEasypostStatus({
    status: detail.status,
    statusDetail: detail.status_detail,
    message: detail.message,
  })
  const occurredAt = new Date(detail.datetime)
  const location = formatLocation(detail.tracking_location)
  const description = detail.message ?? detail.description ?? rawStatusOf(detail.status, detail.status_detail)
  const identity = [
    occurredAt.toISOString(),
    detail.status,
    detail.status_detail ?? '',
    description,
    location ?? '',
  ]
  return {
    occurredAt,
    status: normalized.status,
    detail: normalized.detail,
    rawStatus: rawStatusOf(detail.status, detail.status_detail),
    description,
    location,
    dedupeKey: `easypost:${createHash('sha256').update(identity.join('\u0000')).digest('hex').slice(0, 32)}`,
  }
}

export function mapTracker(tracker: EasypostTracker): Omit<TrackingSnapshot, 'carrier'> {
  return {
    trackingNumber: tracker.tracking_code,
    events: tracker.tracking_details.map(mapTrackingDetail),
    estimatedDelivery: tracker.est_delivery_date ? new Date(tracker.est_delivery_date) : null,
    externalTrackerId: tracker.id,
  }
}

// ---------------------------------------------------------------------------------------------------
// Webhook signature

/**
 * EasyPost signs the raw body with HMAC-SHA256 keyed by the webhook secret (NFKD-normalized, as its
 * client libraries do) and sends `X-Hmac-Signature: hmac-sha256-hex=<hex>`. Compared in constant time.
 */
export function verifyEasypostSignature(rawBody: string, header: string | null, secret: string): boolean {
  if (!header || !header.startsWith(SIGNATURE_PREFIX)) return false
  const expected = signEasypostBody(rawBody, secret)
  const given = Buffer.from(header.trim(), 'utf8')
  const wanted = Buffer.from(expected, 'utf8')
  return given.length === wanted.length && timingSafeEqual(given, wanted)
}

/** The header value EasyPost would send for `rawBody` (tests sign their fixtures with it). */
export function signEasypostBody(rawBody: string, secret: string): string {
  const key = Buffer.from(secret.normalize('NFKD'), 'utf8')
  return `${SIGNATURE_PREFIX}${createHmac('sha256', key).update(rawBody, 'utf8').digest('hex')}`
}

// ---------------------------------------------------------------------------------------------------
// Client

export interface EasypostOptions {
  apiKey: string
  webhookSecret: string
  baseUrl?: string
}

export interface EasypostClient {
  createTracker(trackingNumber: string, carrier?: CarrierCode): Promise<EasypostTracker>
  getTracker(id: string): Promise<EasypostTracker>
  /** A shipment by its id or by our reference; null when EasyPost has none (404). */
  findShipment(idOrReference: string): Promise<EasypostShipment | null>
  createShipment(shipment: Record<string, unknown>): Promise<EasypostShipment>
  buyShipment(id: string, rateId: string): Promise<EasypostShipment>
  /** Converts the bought label to `fileFormat` (the shipment comes back with the new file's URL). */
  convertLabel(id: string, fileFormat: 'PDF'): Promise<EasypostShipment>
  createForm(id: string, type: string): Promise<EasypostShipment>
  /** A file EasyPost links to (a label, a form), as bytes. */
  fetchFile(url: string): Promise<Uint8Array>
}

export function createEasypostClient(options: Pick<EasypostOptions, 'apiKey' | 'baseUrl'>): EasypostClient {
  const baseUrl = (options.baseUrl ?? EASYPOST_BASE_URL).replace(/\/+$/, '')
  const authorization = `Basic ${Buffer.from(`${options.apiKey}:`).toString('base64')}`

  async function call<T>(
    schema: z.ZodType<T, z.ZodTypeDef, unknown>,
    what: string,
    method: 'GET' | 'POST',
    path: string,
    body?: unknown,
  ): Promise<T> {
    let res: Response
    try {
      res = await fetch(`${baseUrl}${path}`, {
        method,
        headers: {
          Authorization: authorization,
          Accept: 'application/json',
          ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(15_000),
      })
    } catch (err) {
      throw new EasypostError('network', `EasyPost ${method} ${path} failed: ${(err as Error).message}`)
    }
    const text = await res.text()
    if (!res.ok) throw errorFor(res, text, `${method} ${path}`)
    let json: unknown
    try {
      json = JSON.parse(text)
    } catch {
      throw new EasypostError('invalid_response', `EasyPost ${method} ${path} answered with non-JSON`)
    }
    const parsed = schema.safeParse(json)
    if (!parsed.success) {
      throw new EasypostError(
        'invalid_response',
        `EasyPost ${method} ${path} answered with an unexpected ${what}: ${parsed.error.issues
          .map((i) => `${i.path.join('.')}: ${i.message}`)
          .join('; ')}`,
      )
    }
    return parsed.data
  }

  const shipmentPath = (id: string) => `/shipments/${encodeURIComponent(id)}`

  return {
    createTracker(trackingNumber, carrier) {
      const easypostCarrier = carrier ? easypostCarrierName(carrier) : undefined
      return call(TrackerSchema, 'tracker', 'POST', '/trackers', {
        tracker: { tracking_code: trackingNumber, ...(easypostCarrier ? { carrier: easypostCarrier } : {}) },
      })
    },
    getTracker(id) {
      return call(TrackerSchema, 'tracker', 'GET', `/trackers/${encodeURIComponent(id)}`)
    },
    async findShipment(idOrReference) {
      try {
        return await call(ShipmentSchema, 'shipment', 'GET', shipmentPath(idOrReference))
      } catch (err) {
        if (err instanceof EasypostError && err.details.status === 404) return null
        throw err
      }
    },
    createShipment(shipment) {
      return call(ShipmentSchema, 'shipment', 'POST', '/shipments', { shipment })
    },
    buyShipment(id, rateId) {
      return call(ShipmentSchema, 'shipment', 'POST', `${shipmentPath(id)}/buy`, { rate: { id: rateId } })
    },
    convertLabel(id, fileFormat) {
      return call(ShipmentSchema, 'shipment', 'GET', `${shipmentPath(id)}/label?file_format=${fileFormat}`)
    },
    createForm(id, type) {
      return call(ShipmentSchema, 'shipment', 'POST', `${shipmentPath(id)}/forms`, { form: { type } })
    },
    async fetchFile(url) {
      let res: Response
      try {
        // Label and form files are public links to EasyPost's file storage: no credentials go there.
        res = await fetch(url, { signal: AbortSignal.timeout(30_000) })
      } catch (err) {
        throw new EasypostError('network', `Downloading an EasyPost file failed: ${(err as Error).message}`)
      }
      if (!res.ok) throw errorFor(res, '', 'file download')
      return new Uint8Array(await res.arrayBuffer())
    },
  }
}

function errorFor(res: Response, text: string, what: string): EasypostError {
  let code: string | undefined
  let message: string | undefined
  const fieldErrors: string[] = []
  try {
    const parsed = ErrorBodySchema.safeParse(JSON.parse(text))
    if (parsed.success) {
      ;({ code, message } = parsed.data.error)
      for (const e of parsed.data.error.errors ?? []) {
        const line = typeof e === 'string' ? e : [e.field, e.message].filter(Boolean).join(': ')
        if (line) fieldErrors.push(line)
      }
    }
  } catch {
    // Not JSON (a proxy's HTML page): the status says enough.
  }
  const summary = `EasyPost ${what} answered ${res.status}${code ? ` ${code}` : ''}${message ? `: ${message}` : ''}`
  const details = { status: res.status, code, message, fieldErrors }
  if (res.status === 429) {
    return new EasypostError('rate_limited', summary, {
      ...details,
      retryAfterMs: retryAfterMs(res.headers.get('retry-after'), Date.now()),
    })
  }
  return new EasypostError(res.status >= 500 ? 'server' : 'client', summary, details)
}

// ---------------------------------------------------------------------------------------------------
// Return labels

const CM_PER_INCH = 2.54
const GRAMS_PER_OUNCE = 28.349523125

function easypostAddress(a: LabelAddress) {
  return {
    name: a.name,
    street1: a.line1,
    ...(a.line2 ? { street2: a.line2 } : {}),
    city: a.city,
    ...(a.region ? { state: a.region } : {}),
    zip: a.postalCode,
    country: a.countryCode,
    ...(a.phone ? { phone: a.phone } : {}),
    ...(a.email ? { email: a.email } : {}),
  }
}

/** EasyPost measures parcels in inches and ounces (one decimal). */
function easypostParcel(p: LabelParcel) {
  const round1 = (n: number) => Math.max(0.1, Math.round(n * 10) / 10)
  return {
    length: round1(p.lengthCm / CM_PER_INCH),
    width: round1(p.widthCm / CM_PER_INCH),
    height: round1(p.heightCm / CM_PER_INCH),
    weight: round1(p.weightGrams / GRAMS_PER_OUNCE),
  }
}

/** The shipment's rates we can buy and then track, as quotes tied to their EasyPost rate. */
function quotesOf(shipment: EasypostShipment): (RateQuote & { rateId: string })[] {
  const quotes: (RateQuote & { rateId: string })[] = []
  for (const r of shipment.rates) {
    const carrier = carrierCodeOfEasypost(r.carrier)
    const amountMinor = decimalToMinor(r.rate, r.currency)
    if (!carrier || amountMinor === null) continue
    quotes.push({
      carrier,
      service: r.service,
      amountMinor,
      currency: r.currency,
      deliveryDays: r.delivery_days ?? null,
      rateId: r.id,
    })
  }
  return quotes
}

function shipmentMessages(shipment: EasypostShipment): string[] {
  return (shipment.messages ?? [])
    .map((m) => [m.carrier, typeof m.message === 'string' ? m.message : null].filter(Boolean).join(': '))
    .filter((m) => m !== '')
}

const isPdf = (b: Uint8Array) => b.length > 4 && Buffer.from(b.subarray(0, 5)).toString('latin1') === '%PDF-'
const isPng = (b: Uint8Array) =>
  b.length > 8 &&
  Buffer.from(b.subarray(0, 8)).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))

/**
 * An EasyPost failure as a label error in plain words. Rate limits, EasyPost's own errors and the network
 * may pass (retryable); an address a carrier cannot use, a refused purchase or an empty account will not.
 */
export function labelErrorOf(err: unknown): CarrierError {
  if (err instanceof CarrierError) return err
  if (!(err instanceof EasypostError)) {
    return new CarrierError('unavailable', `EasyPost failed unexpectedly: ${(err as Error).message}`, true)
  }
  const { status, code, message, fieldErrors, retryAfterMs } = err.details
  const base = { status, providerCode: code, ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) }
  switch (err.kind) {
    case 'rate_limited':
      return new CarrierError(
        'rate_limited',
        'EasyPost is limiting how fast we may ask (429); the label will be tried again shortly.',
        true,
        base,
      )
    case 'server':
    case 'network':
      return new CarrierError(
        'unavailable',
        `EasyPost could not be reached or failed (${status ?? 'no answer'}); the label will be tried again.`,
        true,
        base,
      )
    case 'invalid_response':
      return new CarrierError(
        'invalid_response',
        `${err.message}; the label will be tried again.`,
        true,
        base,
      )
    case 'client': {
      const said = [message, ...(fieldErrors ?? [])].filter(Boolean).join('; ')
      if ((code ?? '').startsWith('ADDRESS.') || /address|street|zip|postal|city|state/i.test(said)) {
        return new CarrierError(
          'address_rejected',
          `The carrier rejected an address on the label: ${said || 'no reason given'}. Correct it and issue the label again.`,
          false,
          base,
        )
      }
      if (status === 402) {
        return new CarrierError(
          'refused',
          'The EasyPost account cannot pay for the label (402 Payment Required): add funds or a payment method in EasyPost, then issue the label again.',
          false,
          base,
        )
      }
      return new CarrierError(
        'refused',
        `EasyPost refused the label (${status}${code ? ` ${code}` : ''})${said ? `: ${said}` : ''}.`,
        false,
        base,
      )
    }
  }
}

/**
 * Buys a case's return label from EasyPost, at most once.
 *
 * EasyPost takes no idempotency key for buying, so a retried job must not simply buy again. Every return
 * shipment is created with our `providerReference` (unique per case across the whole account) and
 * EasyPost finds a shipment by its reference as well as by its id. So the first step is always to look
 * it up: a job that crashed after creating the shipment, after buying it, or after EasyPost answered but
 * before our transaction committed finds that shipment here, and a shipment that already has its postage
 * label is never bought again; only the files are fetched anew. Two runs never overlap: the
 * issue-resolution job holds the case's resolution row lock for the whole call.
 *
 * EasyPost's returns: with `is_return` the addresses are given as for the outbound parcel (to the buyer,
 * from the shop) and EasyPost swaps them, so the label goes from the buyer to the shop.
 */
async function createEasypostReturnLabel(
  client: EasypostClient,
  request: ReturnLabelRequest,
): Promise<ReturnLabel> {
  try {
    // A label bought under an earlier reference of this case (before staff issued it again) is the label.
    for (const earlier of request.earlierProviderReferences ?? []) {
      const found = await client.findShipment(earlier)
      if (found?.postage_label) return await finishLabel(client, request, found)
    }
    const shipment =
      (await client.findShipment(request.providerReference)) ??
      (await client.createShipment({
        is_return: true,
        reference: request.providerReference,
        to_address: easypostAddress(request.from),
        from_address: easypostAddress(request.to),
        parcel: easypostParcel(request.parcel),
        options: {
          label_format: 'PDF',
          print_custom_1: request.reference,
          print_custom_2: request.orderNumber,
        },
      }))

    if (shipment.postage_label) return await finishLabel(client, request, shipment)

    const quotes = quotesOf(shipment)
    const chosen = chooseCheapestRate(quotes, request.allowedCarriers)
    if (!chosen) {
      const said = shipmentMessages(shipment)
      const allowed = request.allowedCarriers.map((a) =>
        a.service ? `${a.carrier} ${a.service}` : a.carrier,
      )
      throw new CarrierError(
        'no_allowed_rate',
        quotes.length === 0
          ? `No carrier offered a rate for this return${said.length ? ` (${said.join('; ')})` : ''}. Check both addresses and the carrier accounts in EasyPost.`
          : `None of the allowed carriers (${allowed.join(', ')}) offered a rate for this return; allow another carrier in Settings.`,
        false,
      )
    }
    return await finishLabel(client, request, await client.buyShipment(shipment.id, chosen.rateId))
  } catch (err) {
    throw labelErrorOf(err)
  }
}

/** A bought shipment as our label: its rate, tracking code, tracker, the label PDF and the QR code. */
async function finishLabel(
  client: EasypostClient,
  request: ReturnLabelRequest,
  shipment: EasypostShipment,
): Promise<ReturnLabel> {
  const bought = shipment.selected_rate
  const carrier = bought ? carrierCodeOfEasypost(bought.carrier) : undefined
  if (!bought || !carrier || !shipment.tracking_code || !shipment.postage_label) {
    throw new CarrierError(
      'invalid_response',
      `EasyPost answered the purchase of ${shipment.id} without a rate, carrier we track, tracking code or label; it will be looked up again.`,
      true,
    )
  }

  let pdfUrl = shipment.postage_label.label_pdf_url
  if (!pdfUrl) pdfUrl = (await client.convertLabel(shipment.id, 'PDF')).postage_label?.label_pdf_url ?? null
  if (!pdfUrl) {
    throw new CarrierError('invalid_response', `EasyPost gave no PDF of the label of ${shipment.id}.`, true)
  }
  const labelPdf = await client.fetchFile(pdfUrl)
  if (!isPdf(labelPdf)) {
    throw new CarrierError('invalid_response', `The label file of ${shipment.id} is not a PDF.`, true)
  }

  const qrPng = request.dropOff ? await dropOffQr(client, shipment, carrier) : null
  const amountMinor = decimalToMinor(bought.rate, bought.currency)
  return {
    provider: 'easypost',
    carrier,
    service: bought.service,
    trackingNumber: shipment.tracking_code,
    rate: amountMinor === null ? null : { amountMinor, currency: bought.currency },
    // EasyPost renders the label when it is bought (or converted, above): the bytes are kept at once.
    files: { kind: 'drawn', pdf: labelPdf, qrPng },
    providerShipmentId: shipment.id,
    trackerId: shipment.tracker?.id ?? null,
    firstScanExpectedAt: null,
  }
}

// The carriers whose labels EasyPost can turn into a drop-off QR code (USPS Label Broker).
const QR_CARRIERS: readonly CarrierCode[] = ['usps']

/**
 * The carrier's drop-off QR code for a bought shipment, where the carrier offers one: a form of type
 * `label_qr_code` (created once; a shipment that has it already is reused). The label stands without
 * it, so a carrier that refuses the form leaves the buyer with the PDF; a limit or an outage is retried.
 */
async function dropOffQr(
  client: EasypostClient,
  shipment: EasypostShipment,
  carrier: CarrierCode,
): Promise<Uint8Array | null> {
  if (!QR_CARRIERS.includes(carrier)) return null
  const existing = shipment.forms?.find((f) => f.form_type === 'label_qr_code' && f.form_url)
  let url = existing?.form_url ?? null
  if (!url) {
    try {
      const withForm = await client.createForm(shipment.id, 'label_qr_code')
      url = withForm.forms?.find((f) => f.form_type === 'label_qr_code')?.form_url ?? null
    } catch (err) {
      if (err instanceof EasypostError && err.kind === 'client') return null
      throw err
    }
  }
  if (!url) return null
  const bytes = await client.fetchFile(url)
  return isPng(bytes) ? bytes : null
}

// ---------------------------------------------------------------------------------------------------
// The Carrier

export function createEasypostCarrier(options: EasypostOptions): Carrier {
  const client = createEasypostClient(options)
  return {
    name: 'easypost',
    createReturnLabel: (request) => createEasypostReturnLabel(client, request),
    async track(request: TrackRequest): Promise<TrackingSnapshot> {
      // A stored tracker is fetched (the webhook may have been missed); otherwise one is created, which
      // also subscribes the parcel to webhooks from then on.
      const tracker = request.externalTrackerId
        ? await client.getTracker(request.externalTrackerId)
        : await client.createTracker(request.trackingNumber, request.carrier)
      return { carrier: request.carrier, ...mapTracker(tracker) }
    },
    webhooks: {
      receive({ rawBody, headers }): CarrierWebhookResult {
        if (
          !verifyEasypostSignature(rawBody, headers.get(EASYPOST_SIGNATURE_HEADER), options.webhookSecret)
        ) {
          return { ok: false, reason: 'bad_signature' }
        }
        let json: unknown
        try {
          json = JSON.parse(rawBody)
        } catch {
          return { ok: false, reason: 'malformed' }
        }
        const event = EventSchema.safeParse(json)
        if (!event.success) return { ok: false, reason: 'malformed' }
        const isTracker = event.data.description.startsWith('tracker.')
        let snapshot: ReturnType<typeof mapTracker> | null = null
        if (isTracker) {
          const tracker = TrackerSchema.safeParse(event.data.result)
          if (!tracker.success) return { ok: false, reason: 'malformed' }
          snapshot = mapTracker(tracker.data)
        }
        return {
          ok: true,
          update: { deliveryId: event.data.id, type: event.data.description, snapshot, payload: json },
        }
      },
    },
  }
}
