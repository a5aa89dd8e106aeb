// The sandbox carrier's return labels: real, printable PDFs (4×6 in, the thermal-label size carriers
// use) with a Code 128 barcode of the tracking number that any scanner reads and a drop-off QR code, so
// the demo's labels behave like a carrier's. Everything is deterministic: the idempotency key picks the
// tracking number (in the carrier's real format, with a valid check digit, one that carrier detection
// names), so asking again for the same case gives the same label, like a real provider answering a
// retried request. The label says plainly that it is a sandbox label and not postage. Buying a label
// decides what it says; its files are drawn from that, later, when first downloaded (see
// createSandboxReturnLabel).
import bwipjs from 'bwip-js/node'
import { createHash } from 'node:crypto'
import { crc32, deflateSync } from 'node:zlib'
import qrcode from 'qrcode-generator'
import { z } from 'zod'
import {
  PDFDocument,
  PDFNumber,
  PDFOperator,
  PDFOperatorNames,
  StandardFonts,
  fill,
  popGraphicsState,
  pushGraphicsState,
  rgb,
  setFillingGrayscaleColor,
  type PDFFont,
  type PDFPage,
} from 'pdf-lib'
import { chooseCheapestRate, type RateQuote } from '#app/domain/labels/label-carriers'
import { addressLines } from '#app/domain/labels/return-address'
import { carrierProfile, type CarrierCode } from '#app/domain/tracking/carriers'
import {
  CarrierError,
  type DrawnReturnLabel,
  type LabelAddress,
  type LabelSpec,
  type ReturnLabel,
  type ReturnLabelRequest,
} from '#integrations/carriers/carrier'
import { detectCarrier } from '#integrations/carriers/detect'
import { generateTrackingNumber } from '#integrations/carriers/formats'

// ---------------------------------------------------------------------------------------------------
// Rates: what each carrier offers from where, at list prices in euro cents. Postal services and local
// networks carry parcels handed in in their own country (at home and abroad); the integrators take
// parcels anywhere in their network.

interface SandboxService {
  name: string
  domesticMinor: number | null
  internationalMinor: number | null
  days: [domestic: number, international: number]
}

const EU_NETWORK = ['AT', 'BE', 'CZ', 'DE', 'DK', 'ES', 'FR', 'GB', 'IE', 'IT', 'NL', 'PL', 'PT', 'SE']

const NETWORK: Record<CarrierCode, { from: readonly string[] | 'anywhere'; services: SandboxService[] }> = {
  ups: {
    from: 'anywhere',
    services: [
      { name: 'Ground', domesticMinor: 890, internationalMinor: null, days: [3, 0] },
      { name: 'Worldwide Saver', domesticMinor: null, internationalMinor: 3450, days: [0, 3] },
    ],
  },
  fedex: {
    from: 'anywhere',
    services: [
      { name: 'Ground', domesticMinor: 920, internationalMinor: null, days: [3, 0] },
      { name: 'International Economy', domesticMinor: null, internationalMinor: 3690, days: [0, 5] },
    ],
  },
  dhl_express: {
    from: 'anywhere',
    services: [
      { name: 'Express Domestic', domesticMinor: 1650, internationalMinor: null, days: [1, 0] },
      { name: 'Express Worldwide', domesticMinor: null, internationalMinor: 2990, days: [0, 3] },
    ],
  },
  dhl_ecommerce: {
    from: ['US'],
    services: [{ name: 'SmartMail Parcel Plus', domesticMinor: 610, internationalMinor: null, days: [5, 0] }],
  },
  dpd: {
    from: EU_NETWORK,
    services: [{ name: 'Classic', domesticMinor: 690, internationalMinor: 1490, days: [2, 4] }],
  },
  gls: {
    from: EU_NETWORK,
    services: [
      { name: 'Business Parcel', domesticMinor: 650, internationalMinor: null, days: [2, 0] },
      { name: 'EuroBusinessParcel', domesticMinor: null, internationalMinor: 1390, days: [0, 4] },
    ],
  },
  inpost: {
    from: ['PL'],
    services: [{ name: 'Paczkomat', domesticMinor: 299, internationalMinor: null, days: [2, 0] }],
  },
  royal_mail: {
    from: ['GB'],
    services: [
      { name: 'Tracked 48', domesticMinor: 395, internationalMinor: null, days: [2, 0] },
      { name: 'International Tracked', domesticMinor: null, internationalMinor: 1595, days: [0, 5] },
    ],
  },
  poczta_polska: {
    from: ['PL'],
    services: [
      { name: 'Paczka Pocztowa', domesticMinor: 450, internationalMinor: null, days: [2, 0] },
      { name: 'Paczka Zagraniczna', domesticMinor: null, internationalMinor: 1890, days: [0, 7] },
    ],
  },
  russian_post: {
    from: ['RU'],
    services: [
      { name: 'Posylka', domesticMinor: 350, internationalMinor: null, days: [5, 0] },
      { name: 'International Parcel', domesticMinor: null, internationalMinor: 1800, days: [0, 12] },
    ],
  },
  cdek: {
    from: ['RU'],
    services: [{ name: 'Posylka Sklad-Sklad', domesticMinor: 420, internationalMinor: null, days: [4, 0] }],
  },
  postnl: {
    from: ['NL'],
    services: [
      { name: 'Pakket', domesticMinor: 495, internationalMinor: null, days: [1, 0] },
      { name: 'International Parcel', domesticMinor: null, internationalMinor: 1450, days: [0, 5] },
    ],
  },
  canada_post: {
    from: ['CA'],
    services: [
      { name: 'Expedited Parcel', domesticMinor: 1150, internationalMinor: null, days: [2, 0] },
      { name: 'Tracked Packet International', domesticMinor: null, internationalMinor: 2250, days: [0, 8] },
    ],
  },
  australia_post: {
    from: ['AU'],
    services: [
      { name: 'Parcel Post', domesticMinor: 1095, internationalMinor: null, days: [4, 0] },
      { name: 'International Standard', domesticMinor: null, internationalMinor: 2490, days: [0, 10] },
    ],
  },
  amazon: {
    from: ['US'],
    services: [{ name: 'Ground', domesticMinor: 640, internationalMinor: null, days: [3, 0] }],
  },
  ontrac: {
    from: ['US'],
    services: [{ name: 'Ground', domesticMinor: 700, internationalMinor: null, days: [2, 0] }],
  },
  lasership: {
    from: ['US'],
    services: [{ name: 'Routed Delivery', domesticMinor: 720, internationalMinor: null, days: [2, 0] }],
  },
  usps: {
    from: ['US'],
    services: [
      { name: 'GroundAdvantage', domesticMinor: 545, internationalMinor: null, days: [4, 0] },
      { name: 'Priority', domesticMinor: 795, internationalMinor: null, days: [2, 0] },
      {
        name: 'FirstClassPackageInternationalService',
        domesticMinor: null,
        internationalMinor: 1650,
        days: [0, 10],
      },
    ],
  },
  purolator: {
    from: ['CA'],
    services: [{ name: 'Ground', domesticMinor: 1250, internationalMinor: null, days: [2, 0] }],
  },
}

const RATE_CURRENCY = 'EUR'

/** Every rate the sandbox network quotes for a parcel from `from` to `to`, cheapest first. */
export function quoteSandboxRates(from: LabelAddress, to: LabelAddress): RateQuote[] {
  const international = from.countryCode !== to.countryCode
  const quotes: RateQuote[] = []
  for (const [carrier, network] of Object.entries(NETWORK) as [
    CarrierCode,
    (typeof NETWORK)[CarrierCode],
  ][]) {
    if (network.from !== 'anywhere' && !network.from.includes(from.countryCode)) continue
    for (const s of network.services) {
      const amount = international ? s.internationalMinor : s.domesticMinor
      if (amount === null) continue
      quotes.push({
        carrier,
        service: s.name,
        amountMinor: amount,
        currency: RATE_CURRENCY,
        deliveryDays: s.days[international ? 1 : 0],
      })
    }
  }
  return quotes.sort((a, b) => a.amountMinor - b.amountMinor)
}

// ---------------------------------------------------------------------------------------------------
// Identity: same key, same label.

function keyHash(idempotencyKey: string): Buffer {
  return createHash('sha256').update(`sandbox-label:${idempotencyKey}`).digest()
}

/**
 * The tracking number of the label for `idempotencyKey`: a real-format number of `carrier` with a valid
 * check digit, chosen from the key so it is always the same, and one that carrier detection attributes
 * to `carrier` (a few shapes are shared between carriers; those serials are skipped).
 */
export function sandboxLabelTrackingNumber(carrier: CarrierCode, idempotencyKey: string): string {
  // 10^7 serials is the smallest capacity among the formats.
  const start = keyHash(idempotencyKey).readUInt32BE(0) % 9_000_000
  for (let serial = start; serial < start + 1_000; serial++) {
    const number = generateTrackingNumber(carrier, serial)
    const detected = detectCarrier(number)
    if (detected.carrier === carrier) return number
  }
  throw new Error(`No ${carrier} tracking number that detection recognises near serial ${start}`)
}

/** What the drop-off QR code holds: the carrier, the parcel and our reference, as a drop-off point reads it. */
export function sandboxDropOffPayload(
  carrier: CarrierCode,
  trackingNumber: string,
  reference: string,
): string {
  return `HBRETURN|${carrier}|${trackingNumber}|${reference}`
}

// ---------------------------------------------------------------------------------------------------
// Barcodes

/** The Code 128 bar and space widths (in modules) of `text`, as bwip-js encodes it. */
export function code128Modules(text: string): number[] {
  const raw = bwipjs.raw('code128', text, {}) as { sbs?: number[] }[]
  const sbs = raw[0]?.sbs
  if (!sbs || sbs.length === 0) throw new Error(`Could not encode ${text} as Code 128`)
  return sbs
}

/** The Code 128 barcode of `text` as a PNG (for screens and tests; the PDF draws the bars as vectors). */
export function code128Png(text: string, scale = 3): Promise<Buffer> {
  return bwipjs.toBuffer({
    bcid: 'code128',
    text,
    scale,
    height: 15,
    includetext: false,
    paddingwidth: 10,
    backgroundcolor: 'FFFFFF',
  })
}

/**
 * The QR code of `text` (error correction M, the smallest version that holds it) as rows of modules,
 * true for dark. qrcode-generator encodes in about a millisecond, a fifth of what bwip-js's PostScript
 * emulation takes. Most of that is choosing the mask (eight trial codes, each scored); see drawSandboxReturnLabel
 * for why it is paid once per label.
 */
export function qrModules(text: string): boolean[][] {
  const code = qrcode(0, 'M')
  code.addData(text, 'Byte')
  code.make()
  const n = code.getModuleCount()
  return Array.from({ length: n }, (_, row) => Array.from({ length: n }, (_, col) => code.isDark(row, col)))
}

/** Quiet zone around a QR code, in modules (the symbology asks for four). */
const QR_QUIET = 4

/**
 * A QR code of `text` as a 1-bit greyscale PNG, `scale` pixels a module, large enough to scan from a phone
 * screen. Encoded here with node's zlib: a handful of bytes a row, no image library needed.
 */
export function qrPng(text: string, scale = 8): Promise<Buffer> {
  return Promise.resolve(modulesPng(qrModules(text), scale, QR_QUIET))
}

function modulesPng(modules: boolean[][], scale: number, quiet: number): Buffer {
  const size = (modules.length + 2 * quiet) * scale
  const rowBytes = Math.ceil(size / 8) + 1 // a filter byte (0: none), then the pixels
  const raw = Buffer.alloc(rowBytes * size)
  // In 1-bit greyscale, 1 is white: each module row's pixel row is built once and repeated `scale` times.
  const white = Buffer.alloc(rowBytes, 0xff)
  white[0] = 0
  for (let m = -quiet; m < modules.length + quiet; m++) {
    const line = Buffer.from(white)
    const row = modules[m]
    if (row) {
      row.forEach((dark, col) => {
        if (!dark) return
        const from = (col + quiet) * scale
        for (let x = from; x < from + scale; x++) line[1 + (x >> 3)]! &= ~(0x80 >> (x & 7))
      })
    }
    for (let k = 0; k < scale; k++) line.copy(raw, ((m + quiet) * scale + k) * rowBytes)
  }
  const ihdr = Buffer.alloc(13)
  ihdr.writeUInt32BE(size, 0)
  ihdr.writeUInt32BE(size, 4)
  ihdr[8] = 1 // bit depth
  ihdr[9] = 0 // greyscale
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', ihdr),
    pngChunk('IDAT', deflateSync(raw)),
    pngChunk('IEND', Buffer.alloc(0)),
  ])
}

function pngChunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8)
  head.writeUInt32BE(data.length, 0)
  head.write(type, 4, 'latin1')
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])) >>> 0, 0)
  return Buffer.concat([head, data, crc])
}

// ---------------------------------------------------------------------------------------------------
// The PDF

const INCH = 72
const PAGE = { width: 4 * INCH, height: 6 * INCH }
const MARGIN = 14
const BLACK = rgb(0, 0, 0)
const WHITE = rgb(1, 1, 1)
/** Height of the barcode's bars, in points (tests find the bars by it). */
export const LABEL_BARCODE_HEIGHT = 64
/** Side of the drop-off QR code with its quiet zone, in points. */
export const LABEL_QR_SIZE = 92

// Carriers print labels in Latin script (international ones require it), and the PDF's standard fonts
// only hold Windows-1252. Cyrillic is transliterated (ICAO Doc 9303), Latin letters with marks lose them.
const CYRILLIC: Record<string, string> = {
  а: 'a',
  б: 'b',
  в: 'v',
  г: 'g',
  д: 'd',
  е: 'e',
  ё: 'e',
  ж: 'zh',
  з: 'z',
  и: 'i',
  й: 'i',
  к: 'k',
  л: 'l',
  м: 'm',
  н: 'n',
  о: 'o',
  п: 'p',
  р: 'r',
  с: 's',
  т: 't',
  у: 'u',
  ф: 'f',
  х: 'kh',
  ц: 'ts',
  ч: 'ch',
  ш: 'sh',
  щ: 'shch',
  ъ: 'ie',
  ы: 'y',
  ь: '',
  э: 'e',
  ю: 'iu',
  я: 'ia',
}
const LATIN_EXTRA: Record<string, string> = { ł: 'l', Ł: 'L', đ: 'd', Đ: 'D', ø: 'o', Ø: 'O', ß: 'ss' }

/** `text` in characters the label's fonts can print. */
export function labelText(text: string): string {
  let out = ''
  for (const ch of text) {
    const lower = ch.toLowerCase()
    if (lower in CYRILLIC) {
      const t = CYRILLIC[lower]!
      out += ch === lower ? t : t.charAt(0).toUpperCase() + t.slice(1)
    } else if (ch in LATIN_EXTRA) {
      out += LATIN_EXTRA[ch]
    } else {
      out += ch.normalize('NFD').replace(/[\u0300-\u036f]/g, '')
    }
  }
  // Whatever is still outside printable ASCII and Latin-1 becomes a question mark rather than an error.
  return out.replace(/[^\x20-\x7e\xa0-\xff]/gu, '?')
}

interface LabelContent {
  carrierName: string
  service: string
  trackingNumber: string
  reference: string
  orderNumber: string
  from: LabelAddress
  to: LabelAddress
  itemCount: number
  weightGrams: number
  date: Date
  /** The drop-off QR code's modules (see qrModules), drawn as vectors. */
  qr: boolean[][]
}

function fit(text: string, font: PDFFont, size: number, width: number): string {
  let t = labelText(text)
  while (t.length > 1 && font.widthOfTextAtSize(t, size) > width) t = t.slice(0, -1)
  return t
}

function drawLines(
  page: PDFPage,
  lines: string[],
  at: { x: number; y: number; width: number },
  fonts: { first: PDFFont; rest: PDFFont },
  sizes: { first: number; rest: number },
): number {
  let y = at.y
  lines.forEach((line, i) => {
    const size = i === 0 ? sizes.first : sizes.rest
    const font = i === 0 ? fonts.first : fonts.rest
    y -= size + 2
    page.drawText(fit(line, font, size, at.width), { x: at.x, y, size, font, color: BLACK })
  })
  return y
}

/**
 * Fills black rectangles as one path: one `re` operator each and a single fill, instead of pdf-lib's
 * drawRectangle (a graphics state, a transform and four path segments apiece). A label has a few
 * hundred of them between its barcode and its QR code.
 */
function fillRects(page: PDFPage, rects: readonly { x: number; y: number; width: number; height: number }[]) {
  const num = (n: number) => PDFNumber.of(Math.round(n * 1000) / 1000)
  page.pushOperators(
    pushGraphicsState(),
    setFillingGrayscaleColor(0),
    ...rects.map((r) =>
      PDFOperator.of(PDFOperatorNames.AppendRectangle, [num(r.x), num(r.y), num(r.width), num(r.height)]),
    ),
    fill(),
    popGraphicsState(),
  )
}

/** Draws the bars of `modules` (bar, space, bar, …) as filled rectangles; returns the drawn width. */
function drawCode128(
  page: PDFPage,
  modules: number[],
  box: { x: number; y: number; width: number; height: number },
) {
  const total = modules.reduce((a, b) => a + b, 0)
  // The X-dimension (narrowest bar) is kept at 1.5 pt (0.53 mm) at most: carriers' scanners read 0.25 mm.
  const unit = Math.min(1.5, box.width / total)
  let x = box.x + (box.width - unit * total) / 2
  const bars: { x: number; y: number; width: number; height: number }[] = []
  modules.forEach((w, i) => {
    if (i % 2 === 0) bars.push({ x, y: box.y, width: w * unit, height: box.height })
    x += w * unit
  })
  fillRects(page, bars)
  return unit * total
}

/**
 * Draws a QR code's dark modules as filled rectangles, one per run of dark modules in a row, inside a
 * square box that keeps the quiet zone white. Vectors print sharp at any resolution and cost no image
 * decoding or recompression.
 */
function drawQr(page: PDFPage, modules: boolean[][], box: { x: number; y: number; size: number }) {
  const n = modules.length
  const unit = box.size / (n + 2 * QR_QUIET)
  const runs: { x: number; y: number; width: number; height: number }[] = []
  modules.forEach((row, r) => {
    let c = 0
    while (c < n) {
      if (!row[c]) {
        c++
        continue
      }
      const start = c
      while (c < n && row[c]) c++
      runs.push({
        x: box.x + (QR_QUIET + start) * unit,
        y: box.y + box.size - (QR_QUIET + r + 1) * unit,
        width: (c - start) * unit,
        height: unit,
      })
    }
  })
  fillRects(page, runs)
}

/** The 4×6 in label as PDF bytes. */
export async function renderReturnLabelPdf(c: LabelContent): Promise<Uint8Array> {
  const pdf = await PDFDocument.create()
  pdf.setTitle(`Return label ${c.reference}`)
  pdf.setSubject(`${c.carrierName} ${c.trackingNumber}`)
  pdf.setProducer('Homebound sandbox carrier')
  pdf.setCreator('Homebound')
  pdf.setCreationDate(c.date)
  pdf.setModificationDate(c.date)
  const page = pdf.addPage([PAGE.width, PAGE.height])
  const regular = await pdf.embedFont(StandardFonts.Helvetica)
  const bold = await pdf.embedFont(StandardFonts.HelveticaBold)
  const mono = await pdf.embedFont(StandardFonts.CourierBold)
  const width = PAGE.width - 2 * MARGIN
  let y = PAGE.height - MARGIN

  // Carrier and service, then a black band that says what this is.
  page.drawText(fit(c.carrierName, bold, 18, width * 0.55), { x: MARGIN, y: y - 18, size: 18, font: bold })
  const service = fit(c.service, regular, 9, width * 0.45)
  page.drawText(service, {
    x: PAGE.width - MARGIN - regular.widthOfTextAtSize(service, 9),
    y: y - 14,
    size: 9,
    font: regular,
  })
  y -= 28
  page.drawRectangle({ x: MARGIN, y: y - 20, width, height: 20, color: BLACK })
  page.drawText('RETURN', { x: MARGIN + 6, y: y - 15, size: 13, font: bold, color: WHITE })
  const ref = `${c.reference}  ·  ORDER ${c.orderNumber}`
  page.drawText(labelText(ref), {
    x: PAGE.width - MARGIN - 6 - regular.widthOfTextAtSize(labelText(ref), 9),
    y: y - 14,
    size: 9,
    font: regular,
    color: WHITE,
  })
  y -= 26

  // From the buyer (small), to the shop (large): the recipient is what the carrier reads first.
  page.drawText('FROM', { x: MARGIN, y: y - 7, size: 7, font: bold })
  y = drawLines(
    page,
    addressLines({ ...c.from }),
    { x: MARGIN + 34, y: y + 2, width: width - 34 },
    { first: regular, rest: regular },
    { first: 8, rest: 8 },
  )
  y -= 8
  page.drawLine({ start: { x: MARGIN, y }, end: { x: PAGE.width - MARGIN, y }, thickness: 0.75 })
  y -= 4
  page.drawText('SHIP TO', { x: MARGIN, y: y - 8, size: 8, font: bold })
  y = drawLines(
    page,
    addressLines({ ...c.to }),
    { x: MARGIN + 34, y: y + 1, width: width - 34 },
    { first: bold, rest: bold },
    { first: 13, rest: 11 },
  )
  y -= 10
  page.drawRectangle({ x: MARGIN, y: y - 1.5, width, height: 1.5, color: BLACK })

  // The tracking barcode with its number in print underneath.
  const barHeight = LABEL_BARCODE_HEIGHT
  y -= 10 + barHeight
  drawCode128(page, code128Modules(c.trackingNumber), { x: MARGIN, y, width, height: barHeight })
  const spaced = c.trackingNumber.replace(/(.{4})(?=.)/g, '$1 ')
  page.drawText(spaced, {
    x: (PAGE.width - mono.widthOfTextAtSize(spaced, 11)) / 2,
    y: y - 14,
    size: 11,
    font: mono,
  })
  y -= 22
  page.drawRectangle({ x: MARGIN, y: y - 1.5, width, height: 1.5, color: BLACK })

  // Drop-off QR code on the left, the parcel's facts on the right.
  const qrSize = LABEL_QR_SIZE
  y -= 6
  drawQr(page, c.qr, { x: MARGIN, y: y - qrSize, size: qrSize })
  page.drawText('Drop-off code', { x: MARGIN + 6, y: y - qrSize - 9, size: 7, font: regular })
  const facts = [
    `Case ${c.reference}`,
    `Order ${c.orderNumber}`,
    `${c.itemCount} ${c.itemCount === 1 ? 'item' : 'items'}, ${(c.weightGrams / 1000).toFixed(1)} kg`,
    `Label date ${c.date.toISOString().slice(0, 10)}`,
    'Hand in at any drop-off point,',
    'or show the QR code there.',
  ]
  drawLines(
    page,
    facts,
    { x: MARGIN + qrSize + 10, y: y - 2, width: width - qrSize - 10 },
    { first: bold, rest: regular },
    { first: 10, rest: 8 },
  )

  page.drawText('SANDBOX LABEL · NOT VALID FOR POSTAGE', {
    x: (PAGE.width - regular.widthOfTextAtSize('SANDBOX LABEL · NOT VALID FOR POSTAGE', 6)) / 2,
    y: MARGIN - 4,
    size: 6,
    font: regular,
  })
  return pdf.save()
}

// ---------------------------------------------------------------------------------------------------
// The label

/**
 * Everything a sandbox label says, decided when it is bought: the sandbox's `drawable` spec. Stored by the
 * app as JSON and handed back to drawSandboxReturnLabel on the first download, so a label drawn days later
 * shows what was decided at issue time (a changed return address or carrier name does not reach it).
 */
const SandboxLabelSpecSchema = z.object({
  /** Bumped when the label's contents change shape; older specs stay drawable. */
  version: z.literal(1),
  carrier: z.string(),
  carrierName: z.string(),
  service: z.string(),
  trackingNumber: z.string(),
  reference: z.string(),
  orderNumber: z.string(),
  from: z.custom<LabelAddress>(isLabelAddress),
  to: z.custom<LabelAddress>(isLabelAddress),
  items: z.array(z.object({ title: z.string(), quantity: z.number().int().positive() })),
  weightGrams: z.number(),
  /** The label's date (ISO 8601). */
  date: z.string().datetime(),
  /** What the drop-off QR code holds (see sandboxDropOffPayload). */
  qrPayload: z.string(),
})
export type SandboxLabelSpec = z.infer<typeof SandboxLabelSpecSchema>

function isLabelAddress(value: unknown): value is LabelAddress {
  if (!value || typeof value !== 'object') return false
  const a = value as Record<string, unknown>
  return ['name', 'line1', 'city', 'postalCode', 'countryCode'].every((k) => typeof a[k] === 'string')
}

/**
 * The sandbox's answer to a label request: the cheapest allowed rate of its network, and the label with
 * everything it says decided, but not drawn: like a carrier's label URL, the files are made when first
 * asked for (drawSandboxReturnLabel). Drawing costs ~2 ms of CPU (the QR code's mask choice, pdf-lib's
 * serialising and deflating), which the issuing job no longer pays for labels nobody downloads yet.
 * Refuses, like a carrier, an address it cannot use and a request no allowed carrier serves.
 */
export function createSandboxReturnLabel(request: ReturnLabelRequest): Promise<ReturnLabel> {
  try {
    return Promise.resolve(sandboxReturnLabel(request))
  } catch (err) {
    return Promise.reject(err instanceof Error ? err : new Error(String(err)))
  }
}

function sandboxReturnLabel(request: ReturnLabelRequest): ReturnLabel {
  for (const [who, a] of [
    ['buyer', request.from],
    ['return', request.to],
  ] as const) {
    if (!a.line1.trim() || !a.city.trim() || !a.postalCode.trim() || !/^[A-Z]{2}$/.test(a.countryCode)) {
      throw new CarrierError(
        'address_rejected',
        who === 'buyer'
          ? 'The carrier cannot use the buyer’s address (street, city, postal code and country are needed).'
          : 'The carrier cannot use the shop’s return address (street, city, postal code and country are needed).',
        false,
      )
    }
  }
  const rate = chooseCheapestRate(quoteSandboxRates(request.from, request.to), request.allowedCarriers)
  if (!rate) {
    throw new CarrierError(
      'no_allowed_rate',
      `None of the carriers allowed for return labels takes parcels from ${request.from.countryCode} to ${request.to.countryCode}; allow another carrier in Settings.`,
      false,
    )
  }
  const trackingNumber = sandboxLabelTrackingNumber(rate.carrier, request.idempotencyKey)
  const spec: SandboxLabelSpec = {
    version: 1,
    carrier: rate.carrier,
    carrierName: carrierProfile(rate.carrier).name,
    service: rate.service,
    trackingNumber,
    reference: request.reference,
    orderNumber: request.orderNumber,
    // Copies: the spec is frozen, whatever the caller does with its request afterwards.
    from: { ...request.from },
    to: { ...request.to },
    items: request.items.map((i) => ({ title: i.title, quantity: i.quantity })),
    weightGrams: request.parcel.weightGrams,
    date: request.now.toISOString(),
    qrPayload: sandboxDropOffPayload(rate.carrier, trackingNumber, request.reference),
  }
  const id = keyHash(request.idempotencyKey).toString('hex').slice(0, 24)
  return {
    provider: 'sandbox',
    carrier: rate.carrier,
    service: rate.service,
    trackingNumber,
    rate: { amountMinor: rate.amountMinor, currency: rate.currency },
    // Every sandbox label has a drop-off QR code, for drop-off points and for the buyer's phone.
    files: { kind: 'drawable', spec, hasQr: true },
    providerShipmentId: `sbx_shp_${id}`,
    trackerId: null,
    // The return journey's hand-over scan comes 2–4 minutes after the label (see planReturnEvents).
    firstScanExpectedAt: new Date(request.now.getTime() + 4 * 60_000 + 5_000),
  }
}

/**
 * Draws a sandbox label's files from its spec: the PDF and the drop-off QR code's PNG, from one
 * computation of the QR code's modules. The same spec always draws the same bytes (the PDF's dates are
 * the label's). A spec that is not the sandbox's is refused.
 */
export async function drawSandboxReturnLabel(spec: LabelSpec): Promise<DrawnReturnLabel> {
  const parsed = SandboxLabelSpecSchema.safeParse(spec)
  if (!parsed.success) throw new Error(`Not a sandbox label spec: ${parsed.error.message}`)
  const c = parsed.data
  const qr = qrModules(c.qrPayload)
  const pdf = await renderReturnLabelPdf({
    carrierName: c.carrierName,
    service: c.service,
    trackingNumber: c.trackingNumber,
    reference: c.reference,
    orderNumber: c.orderNumber,
    from: c.from,
    to: c.to,
    itemCount: c.items.reduce((n, i) => n + i.quantity, 0),
    weightGrams: c.weightGrams,
    date: new Date(c.date),
    qr,
  })
  return { pdf, qrPng: new Uint8Array(modulesPng(qr, 8, QR_QUIET)) }
}
