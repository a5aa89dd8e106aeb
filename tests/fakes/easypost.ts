// An HTTP-level fake of EasyPost's tracker API (POST /v2/trackers, GET /v2/trackers/:id), with the state
// tests set up and every request recorded so tests can assert what the adapter sent. Trackers are
// shaped like EasyPost's documented Tracker object; webhook Events are built and signed like EasyPost's.
import { http, HttpResponse } from 'msw'
import { signEasypostBody } from '#integrations/carriers/easypost'

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

type Failure = { status: number; headers?: Record<string, string>; body?: unknown }

const trackers = new Map<string, FakeTracker>()
const failures: Failure[] = []
export const easypostRequests: RecordedRequest[] = []
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
  /** The next request answers with this failure instead (queued, one per request). */
  failNext(failure: Failure) {
    failures.push(failure)
  },
  reset() {
    trackers.clear()
    failures.length = 0
    easypostRequests.length = 0
  },
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

function failure(): Response | undefined {
  const f = failures.shift()
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
    const failed = failure()
    if (failed) return failed
    const body = easypostRequests.at(-1)!.body as { tracker?: { tracking_code?: string } } | null
    const code = body?.tracker?.tracking_code
    const tracker = [...trackers.values()].find((t) => t.tracking_code === code)
    if (!tracker) return notFound()
    return HttpResponse.json(trackerJson(tracker))
  }),
  http.get(`${BASE}/trackers/:id`, async ({ request, params }) => {
    await record(request, `/trackers/${String(params.id)}`)
    const failed = failure()
    if (failed) return failed
    const tracker = trackers.get(String(params.id))
    return tracker ? HttpResponse.json(trackerJson(tracker)) : notFound()
  }),
]
