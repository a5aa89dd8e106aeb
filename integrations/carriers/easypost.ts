// EasyPost's REST API v2 behind the Carrier interface: trackers for our shipments (created once, fetched
// again by id when a webhook may have been missed) and its signed webhook Events. Every response is
// zod-parsed here and mapped onto the normalized model; nothing EasyPost-shaped leaves this file.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto'
import { z } from 'zod'
import type { CarrierCode } from '#app/domain/tracking/carriers'
import { normalizeEasypostStatus } from '#app/domain/tracking/normalize-status'
import type { Carrier, CarrierEvent, CarrierWebhookResult, TrackingSnapshot, TrackRequest } from './carrier'

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
  error: z.object({ code: z.string().optional(), message: z.string().optional() }).passthrough(),
})

// ---------------------------------------------------------------------------------------------------
// Errors

export type EasypostErrorKind = 'rate_limited' | 'client' | 'server' | 'invalid_response' | 'network'

/** A failed EasyPost call. The poll job postpones the parcel; `retryAfterMs` says how long when known. */
export class EasypostError extends Error {
  constructor(
    readonly kind: EasypostErrorKind,
    message: string,
    readonly details: { status?: number; code?: string; retryAfterMs?: number } = {},
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
}

export function createEasypostClient(options: Pick<EasypostOptions, 'apiKey' | 'baseUrl'>): EasypostClient {
  const baseUrl = (options.baseUrl ?? EASYPOST_BASE_URL).replace(/\/+$/, '')
  const authorization = `Basic ${Buffer.from(`${options.apiKey}:`).toString('base64')}`

  async function call(method: 'GET' | 'POST', path: string, body?: unknown): Promise<EasypostTracker> {
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
    const parsed = TrackerSchema.safeParse(json)
    if (!parsed.success) {
      throw new EasypostError(
        'invalid_response',
        `EasyPost ${method} ${path} answered with an unexpected tracker: ${parsed.error.issues
          .map((i) => `${i.path.join('.')}: ${i.message}`)
          .join('; ')}`,
      )
    }
    return parsed.data
  }

  return {
    createTracker(trackingNumber, carrier) {
      const easypostCarrier = carrier ? easypostCarrierName(carrier) : undefined
      return call('POST', '/trackers', {
        tracker: { tracking_code: trackingNumber, ...(easypostCarrier ? { carrier: easypostCarrier } : {}) },
      })
    },
    getTracker(id) {
      return call('GET', `/trackers/${encodeURIComponent(id)}`)
    },
  }
}

function errorFor(res: Response, text: string, what: string): EasypostError {
  let code: string | undefined
  let message: string | undefined
  try {
    const parsed = ErrorBodySchema.safeParse(JSON.parse(text))
    if (parsed.success) ({ code, message } = parsed.data.error)
  } catch {
    // Not JSON (a proxy's HTML page): the status says enough.
  }
  const summary = `EasyPost ${what} answered ${res.status}${code ? ` ${code}` : ''}${message ? `: ${message}` : ''}`
  if (res.status === 429) {
    return new EasypostError('rate_limited', summary, {
      status: 429,
      code,
      retryAfterMs: retryAfterMs(res.headers.get('retry-after'), Date.now()),
    })
  }
  return new EasypostError(res.status >= 500 ? 'server' : 'client', summary, { status: res.status, code })
}

// ---------------------------------------------------------------------------------------------------
// The Carrier

export function createEasypostCarrier(options: EasypostOptions): Carrier {
  const client = createEasypostClient(options)
  return {
    name: 'easypost',
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
