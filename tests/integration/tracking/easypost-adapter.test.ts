import { describe, expect, test } from 'vitest'
import {
  createEasypostCarrier,
  EasypostError,
  signEasypostBody,
  verifyEasypostSignature,
} from '#integrations/carriers/easypost'
import { easypostRequests, easypostWebhook, fakeEasypost } from '#tests/fakes/easypost'

const API_KEY = 'EZTKtest0123456789'
const SECRET = 'whsec-test-secret'
const NOW = new Date('2025-03-05T12:00:00Z')
const carrier = createEasypostCarrier({ apiKey: API_KEY, webhookSecret: SECRET })

const basicAuth = `Basic ${Buffer.from(`${API_KEY}:`).toString('base64')}`

function upsTracker() {
  return fakeEasypost.setTracker({
    tracking_code: '1Z999AA10123456784',
    carrier: 'UPS',
    status: 'out_for_delivery',
    status_detail: 'out_for_delivery',
    est_delivery_date: '2025-03-05T23:59:00Z',
    tracking_details: [
      {
        status: 'pre_transit',
        status_detail: 'label_created',
        message: 'Shipper created a label',
        datetime: '2025-03-03T09:00:00Z',
      },
      {
        status: 'in_transit',
        status_detail: 'arrived_at_facility',
        message: 'Arrived at Facility',
        datetime: '2025-03-04T08:30:00Z',
        city: 'Louisville',
        state: 'KY',
        country: 'US',
      },
      {
        status: 'out_for_delivery',
        status_detail: 'out_for_delivery',
        message: 'Out For Delivery Today',
        datetime: '2025-03-05T07:10:00Z',
        city: 'Portland',
        state: 'OR',
        country: 'US',
      },
    ],
  })
}

function track(externalTrackerId: string | null = null) {
  return carrier.track({
    carrier: 'ups',
    trackingNumber: '1Z999AA10123456784',
    shippedAt: new Date('2025-03-03T09:00:00Z'),
    now: NOW,
    externalTrackerId,
  })
}

describe('EasyPost trackers', () => {
  test('a parcel without a tracker gets one: POST /trackers with Basic auth and the carrier named', async () => {
    const tracker = upsTracker()
    const snapshot = await track()

    expect(easypostRequests).toEqual([
      {
        method: 'POST',
        path: '/trackers',
        authorization: basicAuth,
        contentType: 'application/json',
        body: { tracker: { tracking_code: '1Z999AA10123456784', carrier: 'UPS' } },
      },
    ])
    expect(snapshot.externalTrackerId).toBe(tracker.id)
    expect(snapshot.estimatedDelivery).toEqual(new Date('2025-03-05T23:59:00Z'))
    expect(snapshot.events.map((e) => [e.status, e.rawStatus, e.description, e.location])).toEqual([
      ['pre_transit', 'pre_transit/label_created', 'Shipper created a label', null],
      ['in_transit', 'in_transit/arrived_at_facility', 'Arrived at Facility', 'Louisville, KY, US'],
      ['out_for_delivery', 'out_for_delivery/out_for_delivery', 'Out For Delivery Today', 'Portland, OR, US'],
    ])
  })

  test('a parcel with a stored tracker is fetched by id, not created again', async () => {
    const tracker = upsTracker()
    const snapshot = await track(tracker.id)
    expect(easypostRequests).toEqual([
      {
        method: 'GET',
        path: `/trackers/${tracker.id}`,
        authorization: basicAuth,
        contentType: null,
        body: null,
      },
    ])
    expect(snapshot.events).toHaveLength(3)
  })

  test('the same scans fetched twice carry the same dedupe keys', async () => {
    const tracker = upsTracker()
    const first = await track(tracker.id)
    const second = await track(tracker.id)
    expect(second.events.map((e) => e.dedupeKey)).toEqual(first.events.map((e) => e.dedupeKey))
    expect(new Set(first.events.map((e) => e.dedupeKey)).size).toBe(3)
  })

  test('a carrier EasyPost names differently is sent by its EasyPost name, an unsure one not at all', async () => {
    fakeEasypost.setTracker({
      tracking_code: 'RR123456785PL',
      carrier: 'PolandPost',
      status: 'unknown',
      status_detail: null,
      est_delivery_date: null,
      tracking_details: [],
    })
    await carrier.track({
      carrier: 'poczta_polska',
      trackingNumber: 'RR123456785PL',
      shippedAt: NOW,
      now: NOW,
    })
    expect(easypostRequests[0]!.body).toEqual({ tracker: { tracking_code: 'RR123456785PL' } })
  })

  test('a rate limit is a typed error that says when to come back', async () => {
    fakeEasypost.failNext({
      status: 429,
      headers: { 'Retry-After': '30' },
      body: { error: { code: 'RATE_LIMITED', message: 'Too many requests' } },
    })
    const error = await track('trk_whatever').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(EasypostError)
    expect(error).toMatchObject({ kind: 'rate_limited', details: { status: 429, retryAfterMs: 30_000 } })
  })

  test('a server error and a client error are told apart', async () => {
    fakeEasypost.failNext({ status: 503, body: '<html>Service Unavailable</html>' })
    await expect(track('trk_x')).rejects.toMatchObject({ kind: 'server', details: { status: 503 } })
    await expect(track('trk_missing')).rejects.toMatchObject({
      kind: 'client',
      details: { status: 404, code: 'TRACKER.NOT_FOUND' },
    })
  })

  test('a response that is not a Tracker is refused rather than half-read', async () => {
    fakeEasypost.failNext({ status: 200, body: { object: 'Tracker', id: 'trk_1' } })
    await expect(track('trk_1')).rejects.toMatchObject({ kind: 'invalid_response' })
  })
})

describe('EasyPost webhooks', () => {
  const webhooks = carrier.webhooks!

  function receive(body: string, signature: string | null) {
    const headers = new Headers({ 'Content-Type': 'application/json' })
    if (signature !== null) headers.set('X-Hmac-Signature', signature)
    return webhooks.receive({ rawBody: body, headers })
  }

  test('a correctly signed tracker event is read into a snapshot with its delivery id', () => {
    const tracker = upsTracker()
    const { body, signature, event } = easypostWebhook(tracker, { secret: SECRET })
    const result = receive(body, signature)
    expect(result.ok).toBe(true)
    if (!result.ok) return
    expect(result.update.deliveryId).toBe(event.id)
    expect(result.update.type).toBe('tracker.updated')
    expect(result.update.snapshot?.externalTrackerId).toBe(tracker.id)
    expect(result.update.snapshot?.events.map((e) => e.status)).toEqual([
      'pre_transit',
      'in_transit',
      'out_for_delivery',
    ])
  })

  test('a tampered body, a wrong secret or a missing signature is refused', () => {
    const { body, signature } = easypostWebhook(upsTracker(), { secret: SECRET })
    const tampered = body.replace('out_for_delivery', 'delivered')
    expect(receive(tampered, signature)).toEqual({ ok: false, reason: 'bad_signature' })
    expect(receive(body, signEasypostBody(body, 'another-secret'))).toEqual({
      ok: false,
      reason: 'bad_signature',
    })
    expect(receive(body, null)).toEqual({ ok: false, reason: 'bad_signature' })
    expect(receive(body, signature.replace('hmac-sha256-hex=', 'sha256='))).toEqual({
      ok: false,
      reason: 'bad_signature',
    })
  })

  test('a signed body that is not an Event is malformed', () => {
    const body = '{"not": "an event"'
    expect(receive(body, signEasypostBody(body, SECRET))).toEqual({ ok: false, reason: 'malformed' })
    const notEvent = JSON.stringify({ object: 'Tracker', id: 'trk_1' })
    expect(receive(notEvent, signEasypostBody(notEvent, SECRET))).toEqual({ ok: false, reason: 'malformed' })
  })

  test('the secret is NFKD-normalized before signing, as EasyPost client libraries do', () => {
    // "ﬁ" (U+FB01) decomposes to "fi" under NFKD: both spellings of the secret sign alike.
    const body = '{"a":1}'
    expect(verifyEasypostSignature(body, signEasypostBody(body, 'ﬁne-secret'), 'fine-secret')).toBe(true)
    expect(signEasypostBody(body, 'fine-secret')).toMatch(/^hmac-sha256-hex=[0-9a-f]{64}$/)
  })
})
