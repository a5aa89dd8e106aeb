// The sandbox carrier's return labels: bought undrawn (what the label says, as JSON), then drawn from
// that as a real PDF that pdf-lib opens, with the tracking number printed
// and drawn as a Code 128 barcode that a reader written from the symbology's table decodes, a QR code, a
// tracking number in the carrier's real format that detection names, the same label for the same key,
// and a carrier's refusals. Its return parcels then travel a normal, quick-to-start journey.
import sharp from 'sharp'
import { describe, expect, test } from 'vitest'
import { parseAllowedCarriers } from '#app/domain/labels/label-carriers'
import {
  CarrierError,
  type LabelSpec,
  type ReturnLabel,
  type ReturnLabelRequest,
} from '#integrations/carriers/carrier'
import { detectCarrier } from '#integrations/carriers/detect'
import { isValidTrackingNumber } from '#integrations/carriers/formats'
import {
  createSandboxCarrier,
  nextSandboxScan,
  planReturnEvents,
  sandboxEventKey,
} from '#integrations/carriers/sandbox'
import {
  LABEL_BARCODE_HEIGHT,
  LABEL_QR_SIZE,
  code128Modules,
  code128Png,
  labelText,
  qrModules,
  qrPng,
  sandboxDropOffPayload,
  quoteSandboxRates,
  sandboxLabelTrackingNumber,
} from '#integrations/carriers/sandbox/label'
import { decodeCode128, scanlineWidths } from '#tests/helpers/code128'
import { barcodeWidths, qrModulesFromRects, readPdf } from '#tests/helpers/pdf'

const MINUTE = 60_000

/** The modules of a QR PNG with a four-module quiet zone, read at the centre of each module. */
async function modulesOfPng(png: Buffer, count: number): Promise<boolean[][]> {
  const { data, info } = await sharp(png).greyscale().raw().toBuffer({ resolveWithObject: true })
  const px = info.width / (count + 8)
  return Array.from({ length: count }, (_, r) =>
    Array.from({ length: count }, (_, c) => {
      const x = Math.floor((c + 4.5) * px)
      const y = Math.floor((r + 4.5) * px)
      return data[y * info.width + x]! < 128
    }),
  )
}
const carrier = createSandboxCarrier()

const request = (over: Partial<ReturnLabelRequest> = {}): ReturnLabelRequest => ({
  idempotencyKey: 'case:7d3c1f4e-0000-4000-8000-000000000001:return_label',
  reference: 'R-1001',
  providerReference: 'R-1001-7d3c1f4e0000',
  orderNumber: '#1003',
  from: {
    name: 'Cara Nowak',
    line1: '14 Rose Lane',
    city: 'Manchester',
    postalCode: 'M1 2AB',
    countryCode: 'GB',
  },
  to: {
    name: 'Birch & Bay Returns',
    line1: 'ul. Magazynowa 12',
    city: 'Pruszków',
    postalCode: '05-800',
    countryCode: 'PL',
  },
  parcel: { weightGrams: 900, lengthCm: 30, widthCm: 22, heightCm: 10 },
  items: [{ title: 'Merino sweater', quantity: 1 }],
  allowedCarriers: parseAllowedCarriers(['royal_mail', 'ups', 'dhl_express']),
  dropOff: false,
  now: new Date('2026-03-04T10:00:00Z'),
  ...over,
})

/** The label's files, drawn from its spec after a trip through JSON, as the app stores it. */
async function draw(label: ReturnLabel) {
  if (label.files.kind !== 'drawable') throw new Error('sandbox labels come undrawn')
  return carrier.drawReturnLabel!(JSON.parse(JSON.stringify(label.files.spec)) as LabelSpec)
}

describe('a sandbox return label', () => {
  test('is bought undrawn: everything it says is decided, as plain JSON the carrier draws from later', async () => {
    const label = await carrier.createReturnLabel(request({ dropOff: true }))
    expect(label.files).toEqual({
      kind: 'drawable',
      hasQr: true,
      spec: {
        version: 1,
        carrier: 'royal_mail',
        carrierName: 'Royal Mail',
        service: 'International Tracked',
        trackingNumber: label.trackingNumber,
        reference: 'R-1001',
        orderNumber: '#1003',
        from: request().from,
        to: request().to,
        items: [{ title: 'Merino sweater', quantity: 1 }],
        weightGrams: 900,
        date: '2026-03-04T10:00:00.000Z',
        qrPayload: sandboxDropOffPayload('royal_mail', label.trackingNumber, 'R-1001'),
      },
    })
    // The same spec draws the same bytes, whenever it is drawn.
    const [a, b] = [await draw(label), await draw(label)]
    expect(Buffer.from(a.pdf).equals(Buffer.from(b.pdf))).toBe(true)
    expect(Buffer.from(a.qrPng!).equals(Buffer.from(b.qrPng!))).toBe(true)
    // What is not a sandbox spec is not drawn.
    await expect(carrier.drawReturnLabel!({ version: 2 })).rejects.toThrow(/Not a sandbox label spec/)
  })

  test('is a 4×6 in PDF with both addresses, the case and the tracking number, and a barcode that decodes to it', async () => {
    const label = await carrier.createReturnLabel(request())
    expect(label).toMatchObject({
      provider: 'sandbox',
      carrier: 'royal_mail',
      service: 'International Tracked',
      rate: { amountMinor: 1595, currency: 'EUR' },
      trackerId: null,
    })
    const files = await draw(label)
    expect(Buffer.from(files.pdf.subarray(0, 5)).toString('latin1')).toBe('%PDF-')

    const pdf = await readPdf(files.pdf)
    expect(pdf.title).toBe('Return label R-1001')
    expect(pdf.pages).toHaveLength(1)
    const page = pdf.pages[0]!
    expect([page.width, page.height]).toEqual([288, 432])
    const text = page.texts.join('\n')
    for (const expected of [
      'RETURN',
      'Royal Mail',
      'Cara Nowak',
      'Birch & Bay Returns',
      '05-800 Pruszkow',
      'POLAND',
      'Case R-1001',
    ]) {
      expect(text).toContain(expected)
    }
    expect(page.texts.map((t) => t.replace(/ /g, ''))).toContain(label.trackingNumber)
    expect(text).toContain('NOT VALID FOR POSTAGE')

    // The bars the PDF draws read back as the tracking number.
    expect(decodeCode128(barcodeWidths(page.rects, LABEL_BARCODE_HEIGHT))).toBe(label.trackingNumber)
    // The drop-off QR code is drawn as vectors, module for module the code of the drop-off payload.
    expect(page.images).toBe(0)
    const payload = sandboxDropOffPayload(label.carrier, label.trackingNumber, 'R-1001')
    const modules = qrModules(payload)
    expect(qrModulesFromRects(page.rects, LABEL_QR_SIZE / (modules.length + 8))).toEqual(modules)
  })

  test('has a drop-off QR code as a PNG the buyer can show on a phone', async () => {
    const label = await carrier.createReturnLabel(request({ dropOff: true }))
    const { qrPng } = await draw(label)
    expect(qrPng).not.toBeNull()
    const meta = await sharp(Buffer.from(qrPng!)).metadata()
    expect(meta.format).toBe('png')
    // A QR code is square; version 3 (29 modules) plus quiet zone at 8 px per module.
    expect(meta.width).toBe(meta.height)
    expect(meta.width).toBeGreaterThanOrEqual(29 * 8)
    // Its pixels are the drop-off payload's modules, read at the centre of each.
    const modules = qrModules(sandboxDropOffPayload(label.carrier, label.trackingNumber, 'R-1001'))
    expect(await modulesOfPng(Buffer.from(qrPng!), modules.length)).toEqual(modules)
  })

  test('tracking numbers are the carrier’s real format, named by detection, and the same for the same key', async () => {
    const a = await carrier.createReturnLabel(request())
    const b = await carrier.createReturnLabel(request())
    const other = await carrier.createReturnLabel(request({ idempotencyKey: 'case:other:return_label' }))
    expect(b.trackingNumber).toBe(a.trackingNumber)
    expect(b.providerShipmentId).toBe(a.providerShipmentId)
    expect(other.trackingNumber).not.toBe(a.trackingNumber)
    expect(isValidTrackingNumber('royal_mail', a.trackingNumber)).toBe(true)
    expect(detectCarrier(a.trackingNumber)).toMatchObject({ carrier: 'royal_mail' })
    for (const code of [
      'ups',
      'usps',
      'fedex',
      'dhl_express',
      'inpost',
      'purolator',
      'gls',
      'cdek',
    ] as const) {
      for (const key of ['k1', 'k2', 'k3']) {
        expect(detectCarrier(sandboxLabelTrackingNumber(code, key)).carrier).toBe(code)
      }
    }
  })

  test('is bought from the cheapest allowed carrier serving the route', () => {
    const uk = request().from
    const pl = request().to
    expect(quoteSandboxRates(uk, pl)[0]).toMatchObject({ carrier: 'gls', amountMinor: 1390 })
    expect(quoteSandboxRates(pl, pl)[0]).toMatchObject({ carrier: 'inpost', service: 'Paczkomat' })
    // Royal Mail only takes parcels handed in in the UK.
    expect(quoteSandboxRates(pl, uk).some((q) => q.carrier === 'royal_mail')).toBe(false)
  })

  test('is refused, not retried, when no allowed carrier serves the route or an address lacks a line', async () => {
    const noRate = carrier.createReturnLabel(request({ allowedCarriers: parseAllowedCarriers(['usps']) }))
    await expect(noRate).rejects.toBeInstanceOf(CarrierError)
    await expect(noRate).rejects.toMatchObject({ code: 'no_allowed_rate', retryable: false })
    const badAddress = carrier.createReturnLabel(request({ from: { ...request().from, postalCode: ' ' } }))
    await expect(badAddress).rejects.toMatchObject({
      code: 'address_rejected',
      retryable: false,
      message: expect.stringContaining('buyer’s address'),
    })
  })

  test('prints Cyrillic and Polish names in Latin letters the label font holds', () => {
    expect(labelText('Иван Петров, Łódź')).toBe('Ivan Petrov, Lodz')
    expect(labelText('Jürgen Müller 😀')).toBe('Jurgen Muller ?')
  })
})

describe('barcode images', () => {
  test('the Code 128 PNG decodes to the tracking number along any row', async () => {
    for (const number of ['1ZA9E0674226274628', 'RR526027724GB', '9361220317456926274627']) {
      const png = await code128Png(number)
      const { data, info } = await sharp(png).greyscale().raw().toBuffer({ resolveWithObject: true })
      const row = data.subarray(
        Math.floor(info.height / 2) * info.width,
        (Math.floor(info.height / 2) + 1) * info.width,
      )
      expect(decodeCode128(scanlineWidths(row))).toBe(number)
      // The PDF draws the same bars.
      expect(decodeCode128(code128Modules(number))).toBe(number)
    }
  })

  test('a damaged barcode does not read', () => {
    const modules = code128Modules('RR526027724GB')
    modules[13] = modules[13]! === 1 ? 2 : 1
    expect(() => decodeCode128(modules)).toThrow()
  })

  test('QR PNGs are square images of the code, with a white quiet zone of four modules', async () => {
    const text = 'HBRETURN|ups|1Z|R-1'
    const png = await qrPng(text)
    const meta = await sharp(png).metadata()
    expect(meta.width).toBe(meta.height)
    const modules = qrModules(text)
    expect(meta.width).toBe((modules.length + 8) * 8)
    expect(await modulesOfPng(png, modules.length)).toEqual(modules)
    // Another text is another code.
    expect(qrModules('HBRETURN|ups|1Z|R-2')).not.toEqual(modules)
  })
})

describe('a return parcel’s journey', () => {
  const labelAt = new Date('2026-03-04T10:00:00Z') // a Wednesday
  const trackingNumber = sandboxLabelTrackingNumber('royal_mail', 'journey')

  test('starts with the label, is handed over within minutes, and ends delivered with no trouble on the way', () => {
    for (const at of [labelAt, new Date('2026-03-06T20:55:00Z'), new Date('2026-03-08T12:00:00Z')]) {
      const plan = planReturnEvents({ carrier: 'royal_mail', trackingNumber, shippedAt: at })
      const statuses = plan.events.map((e) => e.status)
      expect(statuses[0]).toBe('pre_transit')
      expect(plan.events[0]!.occurredAt).toEqual(at)
      const handOver = plan.events[1]!
      expect(handOver.status).toBe('in_transit')
      expect(handOver.occurredAt.getTime() - at.getTime()).toBeGreaterThanOrEqual(2 * MINUTE)
      expect(handOver.occurredAt.getTime() - at.getTime()).toBeLessThanOrEqual(4 * MINUTE)
      expect(statuses.at(-1)).toBe('delivered')
      expect(
        statuses.filter((s) => !['pre_transit', 'in_transit', 'out_for_delivery', 'delivered'].includes(s)),
      ).toEqual([])
      const times = plan.events.map((e) => e.occurredAt.getTime())
      expect([...times].sort((a, b) => a - b)).toEqual(times)
      expect(plan.events.at(-1)!.occurredAt.getTime() - at.getTime()).toBeLessThan(7 * 24 * 60 * MINUTE)
    }
  })

  test('tracking a return parcel plays that journey', async () => {
    const before = await carrier.track({
      carrier: 'royal_mail',
      trackingNumber,
      shippedAt: labelAt,
      now: new Date(labelAt.getTime() + MINUTE),
      kind: 'return',
    })
    expect(before.events.map((e) => e.status)).toEqual(['pre_transit'])
    const after = await carrier.track({
      carrier: 'royal_mail',
      trackingNumber,
      shippedAt: labelAt,
      now: new Date(labelAt.getTime() + 5 * MINUTE),
      kind: 'return',
    })
    expect(after.events.map((e) => [e.status, e.dedupeKey])).toEqual([
      ['pre_transit', sandboxEventKey(trackingNumber, 0)],
      ['in_transit', sandboxEventKey(trackingNumber, 1)],
    ])
  })

  test('the next scan can be brought forward to now, keeping its scripted key, until the script ends', () => {
    const base = {
      carrier: 'royal_mail' as const,
      trackingNumber,
      shippedAt: labelAt,
      kind: 'return' as const,
    }
    const plan = planReturnEvents(base)
    const now = new Date(labelAt.getTime() + 30_000)
    const known: string[] = []
    for (let i = 0; i < plan.events.length; i++) {
      const next = nextSandboxScan({ ...base, now, known })!
      expect(next.dedupeKey).toBe(sandboxEventKey(trackingNumber, i))
      expect(next.status).toBe(plan.events[i]!.status)
      // Scans already due keep their time; later ones come now.
      expect(next.occurredAt).toEqual(
        plan.events[i]!.occurredAt.getTime() > now.getTime() ? now : plan.events[i]!.occurredAt,
      )
      known.push(next.dedupeKey)
    }
    expect(nextSandboxScan({ ...base, now, known })).toBeNull()
  })
})
