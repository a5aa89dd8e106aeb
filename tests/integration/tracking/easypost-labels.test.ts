// EasyPost return labels through the real adapter against the HTTP fake: a return Shipment (is_return,
// the addresses as EasyPost wants them for a return, the parcel in inches and ounces, our reference), the
// cheapest allowed rate bought once, the label as PDF, the USPS drop-off QR code, the tracker; a retried
// request finds the shipment by reference instead of buying again; rate limits and EasyPost failures
// are retryable, a refused address or no allowed rate are not, each with a plain sentence.
import { describe, expect, test } from 'vitest'
import { parseAllowedCarriers } from '#app/domain/labels/label-carriers'
import { CarrierError, type ReturnLabel, type ReturnLabelRequest } from '#integrations/carriers/carrier'
import { createEasypostCarrier } from '#integrations/carriers/easypost'
import { easypostPurchases, easypostRequests, fakeEasypost } from '#tests/fakes/easypost'
import { readPdf } from '#tests/helpers/pdf'

const carrier = createEasypostCarrier({ apiKey: 'EZTKtest0123456789', webhookSecret: 'whsec-test' })

const request = (over: Partial<ReturnLabelRequest> = {}): ReturnLabelRequest => ({
  idempotencyKey: 'case:11111111-2222-4333-8444-555555555555:return_label',
  reference: 'R-1042',
  providerReference: 'R-1042-111111112222',
  orderNumber: '#1003',
  from: {
    name: 'Ava Thompson',
    line1: '120 Market Street',
    city: 'Portland',
    region: 'OR',
    postalCode: '97205',
    countryCode: 'US',
    email: 'ava@example.com',
  },
  to: {
    name: 'Birch & Bay Returns',
    line1: '417 Montgomery Street',
    line2: 'Floor 5',
    city: 'San Francisco',
    region: 'CA',
    postalCode: '94104',
    countryCode: 'US',
    phone: '4153334445',
  },
  parcel: { weightGrams: 900, lengthCm: 30, widthCm: 22, heightCm: 10 },
  items: [{ title: 'Merino sweater', quantity: 1 }],
  allowedCarriers: [],
  dropOff: false,
  now: new Date('2025-03-05T12:00:00Z'),
  ...over,
})

const paths = () => easypostRequests.map((r) => `${r.method} ${r.path}`)

/** EasyPost's labels come drawn: their bytes are there as soon as the label is bought. */
function drawn(label: ReturnLabel) {
  if (label.files.kind !== 'drawn') throw new Error(`EasyPost label came ${label.files.kind}`)
  return label.files
}

describe('an EasyPost return label', () => {
  test('is a return shipment bought at the cheapest rate we can track, with its PDF and tracker', async () => {
    const label = await carrier.createReturnLabel(request())

    expect(paths()).toEqual([
      'GET /shipments/R-1042-111111112222',
      'POST /shipments',
      expect.stringMatching(/^POST \/shipments\/shp_\w+\/buy$/),
    ])
    const create = easypostRequests[1]!
    expect(create.authorization).toBe(`Basic ${Buffer.from('EZTKtest0123456789:').toString('base64')}`)
    // EasyPost swaps the addresses of a return: to = the buyer, from = the shop, as for the outbound parcel.
    expect(create.body).toEqual({
      shipment: {
        is_return: true,
        reference: 'R-1042-111111112222',
        to_address: {
          name: 'Ava Thompson',
          street1: '120 Market Street',
          city: 'Portland',
          state: 'OR',
          zip: '97205',
          country: 'US',
          email: 'ava@example.com',
        },
        from_address: {
          name: 'Birch & Bay Returns',
          street1: '417 Montgomery Street',
          street2: 'Floor 5',
          city: 'San Francisco',
          state: 'CA',
          zip: '94104',
          country: 'US',
          phone: '4153334445',
        },
        parcel: { length: 11.8, width: 8.7, height: 3.9, weight: 31.7 },
        options: { label_format: 'PDF', print_custom_1: 'R-1042', print_custom_2: '#1003' },
      },
    })
    // Asendia is cheaper still, but not a carrier we track: FedEx Ground is the cheapest we can follow.
    const shipment = fakeEasypost.shipment('R-1042-111111112222')!
    const fedex = shipment.rates.find((r) => r.carrier === 'FedEx')!
    expect(easypostRequests[2]!.body).toEqual({ rate: { id: fedex.id } })
    expect(easypostPurchases).toHaveLength(1)

    expect(label).toMatchObject({
      provider: 'easypost',
      carrier: 'fedex',
      service: 'FEDEX_GROUND',
      trackingNumber: shipment.tracking_code,
      rate: { amountMinor: 655, currency: 'USD' },
      providerShipmentId: shipment.id,
      trackerId: shipment.tracker_id,
      files: { kind: 'drawn', qrPng: null },
      firstScanExpectedAt: null,
    })
    expect(label.trackerId).toMatch(/^trk_/)
    const pdf = await readPdf(drawn(label).pdf)
    expect(pdf.pages[0]!.texts.join(' ')).toContain(shipment.tracking_code!)
  })

  test('buys among the merchant’s allowed carriers and services only', async () => {
    await carrier.createReturnLabel(
      request({ allowedCarriers: parseAllowedCarriers(['usps:GroundAdvantage', 'ups']) }),
    )
    const shipment = fakeEasypost.shipments()[0]!
    expect(shipment.selected_rate).toMatchObject({
      carrier: 'USPS',
      service: 'GroundAdvantage',
      rate: '8.92',
    })
  })

  test('asked again for the same case, finds the bought shipment by reference and never buys twice', async () => {
    const first = await carrier.createReturnLabel(request())
    easypostRequests.length = 0
    const again = await carrier.createReturnLabel(request())
    expect(again.trackingNumber).toBe(first.trackingNumber)
    expect(again.providerShipmentId).toBe(first.providerShipmentId)
    expect(paths()).toEqual(['GET /shipments/R-1042-111111112222'])
    expect(easypostPurchases).toHaveLength(1)
    expect(fakeEasypost.shipments()).toHaveLength(1)
  })

  test('a shipment created before a failed purchase is bought on the next try, not created again', async () => {
    fakeEasypost.failNext({ status: 503, on: /^POST \/shipments\/[^/]+\/buy$/ })
    const error = await carrier.createReturnLabel(request()).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(CarrierError)
    expect(error).toMatchObject({ code: 'unavailable', retryable: true })
    expect(easypostPurchases).toHaveLength(0)

    const label = await carrier.createReturnLabel(request())
    expect(fakeEasypost.shipments()).toHaveLength(1)
    expect(easypostPurchases).toHaveLength(1)
    expect(label.providerShipmentId).toBe(fakeEasypost.shipments()[0]!.id)
  })

  test('a label bought under an earlier reference of the case is returned instead of buying another', async () => {
    const first = await carrier.createReturnLabel(request({ providerReference: 'R-1042-111111112222' }))
    const again = await carrier.createReturnLabel(
      request({
        providerReference: 'R-1042-111111112222-2',
        earlierProviderReferences: ['R-1042-111111112222'],
      }),
    )
    expect(again.trackingNumber).toBe(first.trackingNumber)
    expect(easypostPurchases).toHaveLength(1)
  })

  test('a label that came without a PDF is converted to one', async () => {
    fakeEasypost.labelPdfOnPurchase(false)
    const label = await carrier.createReturnLabel(request())
    expect(paths()).toContain(`GET /shipments/${label.providerShipmentId}/label`)
    expect(Buffer.from(drawn(label).pdf.subarray(0, 5)).toString('latin1')).toBe('%PDF-')
  })

  test('a drop-off return gets the carrier’s QR code where the carrier offers one (USPS)', async () => {
    const usps = await carrier.createReturnLabel(
      request({ dropOff: true, allowedCarriers: parseAllowedCarriers(['usps']) }),
    )
    expect(usps.carrier).toBe('usps')
    expect(paths()).toContain(`POST /shipments/${usps.providerShipmentId}/forms`)
    expect(easypostRequests.find((r) => r.path.endsWith('/forms'))!.body).toEqual({
      form: { type: 'label_qr_code' },
    })
    expect(Buffer.from(drawn(usps).qrPng!.subarray(1, 4)).toString('latin1')).toBe('PNG')

    easypostRequests.length = 0
    const fedex = await carrier.createReturnLabel(
      request({
        dropOff: true,
        providerReference: 'R-1043-aaaaaaaaaaaa',
        allowedCarriers: parseAllowedCarriers(['fedex']),
      }),
    )
    expect(drawn(fedex).qrPng).toBeNull()
    expect(paths().some((p) => p.endsWith('/forms'))).toBe(false)
  })
})

describe('EasyPost label failures', () => {
  test('a rate limit is retryable and says when to come back', async () => {
    fakeEasypost.failNext({
      status: 429,
      headers: { 'Retry-After': '20' },
      body: { error: { code: 'RATE_LIMITED', message: 'Too many requests' } },
      on: /^POST \/shipments$/,
    })
    const error = await carrier.createReturnLabel(request()).catch((e: unknown) => e)
    expect(error).toMatchObject({
      code: 'rate_limited',
      retryable: true,
      details: { status: 429, retryAfterMs: 20_000 },
      message: expect.stringContaining('tried again'),
    })
    expect(easypostPurchases).toHaveLength(0)
  })

  test('an address EasyPost cannot verify is refused for good, in plain words, and nothing is bought', async () => {
    fakeEasypost.rejectZip('99999')
    const error = await carrier
      .createReturnLabel(request({ from: { ...request().from, postalCode: '99999' } }))
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(CarrierError)
    expect(error).toMatchObject({ code: 'address_rejected', retryable: false })
    expect((error as Error).message).toBe(
      'The carrier rejected an address on the label: Unable to verify address.; address: Address not found. Correct it and issue the label again.',
    )
    expect(easypostPurchases).toHaveLength(0)
  })

  test('no allowed carrier with a rate is refused for good and names the allowed carriers', async () => {
    const error = await carrier
      .createReturnLabel(request({ allowedCarriers: parseAllowedCarriers(['royal_mail', 'usps:Express']) }))
      .catch((e: unknown) => e)
    expect(error).toMatchObject({
      code: 'no_allowed_rate',
      retryable: false,
      message:
        'None of the allowed carriers (royal_mail, usps Express) offered a rate for this return; allow another carrier in Settings.',
    })
    fakeEasypost.setRates([])
    const none = await carrier
      .createReturnLabel(request({ providerReference: 'R-1042-other' }))
      .catch((e: unknown) => e)
    expect((none as Error).message).toContain(
      'No carrier offered a rate for this return (USPS: Unable to retrieve rates.)',
    )
    expect(easypostPurchases).toHaveLength(0)
  })

  test('an empty account (402) is refused for good; a garbled answer is retried', async () => {
    fakeEasypost.failNext({
      status: 402,
      body: { error: { code: 'PAYMENT_REQUIRED', message: 'Insufficient funds.' } },
      on: /\/buy$/,
    })
    await expect(carrier.createReturnLabel(request())).rejects.toMatchObject({
      code: 'refused',
      retryable: false,
    })
    fakeEasypost.failNext({ status: 200, body: { object: 'Shipment' }, on: /^GET \/shipments\// })
    await expect(carrier.createReturnLabel(request())).rejects.toMatchObject({
      code: 'invalid_response',
      retryable: true,
    })
    expect(easypostPurchases).toHaveLength(0)
  })
})
