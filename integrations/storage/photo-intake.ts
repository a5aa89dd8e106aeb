// Buyers attach photos of damaged or wrong items to a return. We accept JPEG, PNG, WebP and HEIC, up to
// 10 MB each and 5 per item, and we decide the type from the bytes, never from the file name: a PDF or a
// web page renamed to `.jpg` is turned away. Before a photo is stored, the metadata that can reveal where
// it was taken (EXIF, which holds the GPS position, and XMP, which can repeat it) is removed, because
// support staff and merchants only need to see the item, not the buyer's home. A file whose structure we
// cannot follow is rejected rather than stored, since we could not promise its location data is gone.
// This module is pure byte work (no disk, no image decoding): it runs before bytes reach storage.

export type PhotoType = 'jpeg' | 'png' | 'webp' | 'heic'

export const PHOTO_LIMITS = { maxBytes: 10 * 1024 * 1024, maxPerItem: 5 } as const

export type PhotoCheckCode = 'empty' | 'too_large' | 'not_an_image' | 'unsupported_type' | 'corrupt'

export type PhotoCheck =
  { ok: true; type: PhotoType; mime: string } | { ok: false; code: PhotoCheckCode; message: string }

/** Thrown when a photo's container structure cannot be followed, so its metadata cannot be removed. */
export class PhotoMetadataError extends Error {
  override name = 'PhotoMetadataError'
}

// ---------------------------------------------------------------------------------------------------
// Byte helpers

const ascii = (text: string): Uint8Array => Uint8Array.from(text, (c) => c.charCodeAt(0))

function startsWith(bytes: Uint8Array, prefix: Uint8Array, at = 0): boolean {
  if (at < 0 || at + prefix.length > bytes.length) return false
  for (let i = 0; i < prefix.length; i++) if (bytes[at + i] !== prefix[i]) return false
  return true
}

function fourcc(bytes: Uint8Array, at: number): string {
  return String.fromCharCode(bytes[at] ?? 0, bytes[at + 1] ?? 0, bytes[at + 2] ?? 0, bytes[at + 3] ?? 0)
}

function u16be(bytes: Uint8Array, at: number): number {
  return ((bytes[at] ?? 0) << 8) | (bytes[at + 1] ?? 0)
}

function u32be(bytes: Uint8Array, at: number): number {
  return (
    (((bytes[at] ?? 0) << 24) |
      ((bytes[at + 1] ?? 0) << 16) |
      ((bytes[at + 2] ?? 0) << 8) |
      (bytes[at + 3] ?? 0)) >>>
    0
  )
}

function u32le(bytes: Uint8Array, at: number): number {
  return (
    (((bytes[at + 3] ?? 0) << 24) |
      ((bytes[at + 2] ?? 0) << 16) |
      ((bytes[at + 1] ?? 0) << 8) |
      (bytes[at] ?? 0)) >>>
    0
  )
}

function need(condition: boolean, message: string): asserts condition {
  if (!condition) throw new PhotoMetadataError(message)
}

interface Span {
  start: number
  end: number
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0))
  let at = 0
  for (const part of parts) {
    out.set(part, at)
    at += part.length
  }
  return out
}

// ---------------------------------------------------------------------------------------------------
// Sniffing

const PNG_SIGNATURE = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)
const HEIC_BRANDS = new Set(['heic', 'heix', 'hevc', 'heim', 'heis', 'hevm', 'hevs'])
const HEIF_BRANDS = new Set([...HEIC_BRANDS, 'mif1', 'msf1'])
// NOTE: AVIF is HEIF too and lists `mif1` among its brands; it is a different codec we do not accept, so
// its own brands win over the generic ones.
const AVIF_BRANDS = new Set(['avif', 'avis'])

/** The brands of a leading ISO-BMFF `ftyp` box (major first), or null when there is none. */
function ftypBrands(bytes: Uint8Array): string[] | null {
  if (bytes.length < 16 || fourcc(bytes, 4) !== 'ftyp') return null
  const size = u32be(bytes, 0)
  if (size < 16 || size > bytes.length) return null
  const brands = [fourcc(bytes, 8)]
  for (let at = 16; at + 4 <= size; at += 4) brands.push(fourcc(bytes, at))
  return brands
}

/** The photo format the bytes really are, judged by their signature alone. */
export function sniffImageType(bytes: Uint8Array): PhotoType | null {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg'
  if (startsWith(bytes, PNG_SIGNATURE)) return 'png'
  if (bytes.length >= 12 && fourcc(bytes, 0) === 'RIFF' && fourcc(bytes, 8) === 'WEBP') return 'webp'
  const brands = ftypBrands(bytes)
  if (brands && !brands.some((b) => AVIF_BRANDS.has(b)) && brands.some((b) => HEIF_BRANDS.has(b))) {
    return 'heic'
  }
  return null
}

/** Image formats people commonly try that we recognise but do not take, so the message can say so. */
export function otherImageFormat(bytes: Uint8Array): string | null {
  const head = fourcc(bytes, 0)
  if (head === 'GIF8') return 'GIF'
  if (head === 'II*\0' || head === 'MM\0*') return 'TIFF'
  if (bytes.length >= 14 && head.startsWith('BM')) return 'BMP'
  if ((bytes[0] === 0xff && bytes[1] === 0x0a) || startsWith(bytes, ascii('JXL '), 4)) return 'JPEG XL'
  if (ftypBrands(bytes)?.some((b) => AVIF_BRANDS.has(b))) return 'AVIF'
  return null
}

const MIME: Record<Exclude<PhotoType, 'heic'>, string> = {
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
}

function mimeOf(bytes: Uint8Array, type: PhotoType): string {
  if (type !== 'heic') return MIME[type]
  // Plain `mif1`/`msf1` files are HEIF without the HEVC brand; the distinction matters to browsers.
  return ftypBrands(bytes)?.some((b) => HEIC_BRANDS.has(b)) ? 'image/heic' : 'image/heif'
}

/**
 * Decide whether an uploaded file can be stored as a return photo. The declared name is never trusted;
 * it only makes the message friendlier. Error codes: `empty`, `too_large` (over `PHOTO_LIMITS.maxBytes`),
 * `not_an_image`, `unsupported_type` (an image format we do not take) and `corrupt` (the container does
 * not parse, so its location metadata could not be removed).
 */
export function checkPhoto({
  bytes,
  declaredName,
}: {
  bytes: Uint8Array
  declaredName?: string
}): PhotoCheck {
  const label = declaredName ? `“${declaredName}”` : 'This file'
  if (bytes.length === 0) return { ok: false, code: 'empty', message: `${label} is empty.` }
  if (bytes.length > PHOTO_LIMITS.maxBytes) {
    return {
      ok: false,
      code: 'too_large',
      message: `${label} is larger than 10 MB. Please upload a smaller photo.`,
    }
  }
  const type = sniffImageType(bytes)
  if (!type) {
    const other = otherImageFormat(bytes)
    return other
      ? {
          ok: false,
          code: 'unsupported_type',
          message: `${label} is a ${other} image. Please upload a JPEG, PNG, WebP or HEIC photo.`,
        }
      : {
          ok: false,
          code: 'not_an_image',
          message: `${label} is not a photo. Please upload a JPEG, PNG, WebP or HEIC image.`,
        }
  }
  try {
    layoutOf(bytes, type)
  } catch (error) {
    if (!(error instanceof PhotoMetadataError)) throw error
    return {
      ok: false,
      code: 'corrupt',
      message: `${label} looks damaged or incomplete and could not be read. Please upload it again.`,
    }
  }
  return { ok: true, type, mime: mimeOf(bytes, type) }
}

// ---------------------------------------------------------------------------------------------------
// Layouts: every format is parsed into the pieces to keep plus where its EXIF (TIFF) data sits.

/** A piece of the output: a byte range of the input, or bytes written fresh. */
type Piece = Span | Uint8Array

interface Layout {
  /** Output pieces for formats that are rebuilt (JPEG, PNG, WebP). */
  pieces: Piece[]
  /** Input ranges to overwrite with zeros instead (HEIC, whose offsets must not move). */
  zero: Span[]
  /** Each EXIF block's TIFF data (header onwards), in input order. */
  exif: Uint8Array[]
}

function layoutOf(bytes: Uint8Array, type: PhotoType): Layout {
  switch (type) {
    case 'jpeg':
      return jpegLayout(bytes)
    case 'png':
      return pngLayout(bytes)
    case 'webp':
      return webpLayout(bytes)
    case 'heic':
      return heicLayout(bytes)
  }
}

// --- JPEG (ITU T.81 markers; EXIF in APP1 per CIPA DC-008, XMP in APP1 per the XMP spec part 3)

const EXIF_HEADER = ascii('Exif\0\0')
const XMP_HEADER = ascii('http://ns.adobe.com/xap/1.0/\0')
const XMP_EXTENSION_HEADER = ascii('http://ns.adobe.com/xmp/extension/\0')
const PHOTOSHOP_HEADER = ascii('Photoshop 3.0\0')

function isStandaloneMarker(marker: number): boolean {
  return marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)
}

function jpegLayout(bytes: Uint8Array): Layout {
  need(bytes[0] === 0xff && bytes[1] === 0xd8, 'JPEG does not start with SOI')
  const layout: Layout = { pieces: [{ start: 0, end: 2 }], zero: [], exif: [] }
  let at = 2
  let sawScan = false
  for (;;) {
    need(at + 1 < bytes.length, 'JPEG ends before its EOI marker')
    need(bytes[at] === 0xff, `JPEG marker expected at byte ${at}`)
    // Any number of 0xFF fill bytes may precede a marker (T.81 B.1.1.2).
    let markerAt = at + 1
    while (bytes[markerAt] === 0xff) markerAt++
    need(markerAt < bytes.length, 'JPEG ends inside a marker')
    const marker = bytes[markerAt] as number
    const segmentStart = markerAt - 1
    if (marker === 0xd9) {
      need(sawScan, 'JPEG has no image data')
      // Bytes after EOI are dropped: some cameras append trailers there that carry their own metadata.
      layout.pieces.push({ start: segmentStart, end: markerAt + 1 })
      return layout
    }
    if (isStandaloneMarker(marker)) {
      layout.pieces.push({ start: segmentStart, end: markerAt + 1 })
      at = markerAt + 1
      continue
    }
    need(marker !== 0x00 && marker !== 0xd8, `JPEG has an invalid marker at byte ${markerAt}`)
    need(markerAt + 2 < bytes.length, 'JPEG ends inside a segment header')
    const length = u16be(bytes, markerAt + 1)
    const payload = markerAt + 3
    const end = markerAt + 1 + length
    need(length >= 2 && end <= bytes.length, `JPEG segment at byte ${segmentStart} runs past the end`)
    const isExif = marker === 0xe1 && startsWith(bytes, EXIF_HEADER, payload)
    const isXmp =
      marker === 0xe1 &&
      (startsWith(bytes, XMP_HEADER, payload) || startsWith(bytes, XMP_EXTENSION_HEADER, payload))
    // Photoshop's APP13 can embed a second copy of the XMP and IPTC place names, so it goes too.
    const isPhotoshop = marker === 0xed && startsWith(bytes, PHOTOSHOP_HEADER, payload)
    if (isExif) {
      const tiff = bytes.subarray(payload + EXIF_HEADER.length, end)
      layout.exif.push(tiff)
      // Phones record portrait shots as rotated landscape pixels plus an Orientation tag; without the
      // tag the thumbnail would lie on its side, so that one tag survives in a minimal EXIF block.
      const orientation = readOrientation(tiff)
      if (orientation !== null && orientation !== 1) layout.pieces.push(orientationApp1(orientation))
    } else if (!isXmp && !isPhotoshop) {
      layout.pieces.push({ start: segmentStart, end })
    }
    at = end
    if (marker === 0xda) {
      sawScan = true
      // Entropy-coded data runs until the next marker that is neither a stuffed 0xFF00 nor a restart.
      let scan = end
      for (;;) {
        need(scan + 1 < bytes.length, 'JPEG image data is cut off')
        if (bytes[scan] === 0xff) {
          const next = bytes[scan + 1] as number
          if (next !== 0x00 && next !== 0xff && !isStandaloneMarker(next)) break
        }
        scan++
      }
      layout.pieces.push({ start: end, end: scan })
      at = scan
    }
  }
}

/** An APP1 EXIF segment holding only IFD0 with the Orientation tag (big-endian TIFF). */
function orientationApp1(orientation: number): Uint8Array {
  const tiff = Uint8Array.of(
    ...[0x4d, 0x4d, 0x00, 0x2a, 0x00, 0x00, 0x00, 0x08], // "MM", 42, IFD0 at offset 8
    ...[0x00, 0x01], // one entry
    ...[0x01, 0x12, 0x00, 0x03, 0x00, 0x00, 0x00, 0x01, 0x00, orientation, 0x00, 0x00], // SHORT × 1
    ...[0x00, 0x00, 0x00, 0x00], // no next IFD
  )
  const length = 2 + EXIF_HEADER.length + tiff.length
  return concat([Uint8Array.of(0xff, 0xe1, length >> 8, length & 0xff), EXIF_HEADER, tiff])
}

// --- PNG (PNG spec 3rd ed. §5; eXIf is the registered EXIF chunk, text chunks may hold XMP)

const PNG_DROPPED = new Set(['eXIf', 'tEXt', 'iTXt', 'zTXt'])

const CRC_TABLE = (() => {
  const table = new Uint32Array(256)
  for (let n = 0; n < 256; n++) {
    let c = n
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
    table[n] = c >>> 0
  }
  return table
})()

/** CRC-32 as PNG and zlib define it (ISO 3309, reflected, init and final XOR 0xFFFFFFFF). */
export function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff
  for (const byte of bytes) crc = (CRC_TABLE[(crc ^ byte) & 0xff] as number) ^ (crc >>> 8)
  return (crc ^ 0xffffffff) >>> 0
}

function pngLayout(bytes: Uint8Array): Layout {
  need(startsWith(bytes, PNG_SIGNATURE), 'PNG signature missing')
  const layout: Layout = { pieces: [{ start: 0, end: 8 }], zero: [], exif: [] }
  let at = 8
  let sawData = false
  for (let index = 0; ; index++) {
    need(at + 12 <= bytes.length, 'PNG ends before its IEND chunk')
    const length = u32be(bytes, at)
    const type = fourcc(bytes, at + 4)
    const end = at + 12 + length
    need(length <= 0x7fffffff && end <= bytes.length, `PNG chunk ${type} runs past the end`)
    need(index > 0 || (type === 'IHDR' && length === 13), 'PNG does not start with IHDR')
    need(crc32(bytes.subarray(at + 4, end - 4)) === u32be(bytes, end - 4), `PNG chunk ${type} fails its CRC`)
    if (type === 'eXIf') layout.exif.push(bytes.subarray(at + 8, end - 4))
    // Chunks are copied whole, header to CRC, so every kept CRC stays valid.
    if (!PNG_DROPPED.has(type)) layout.pieces.push({ start: at, end })
    if (type === 'IDAT') sawData = true
    if (type === 'IEND') {
      need(sawData, 'PNG has no image data')
      return layout
    }
    at = end
  }
}

// --- WebP (RIFF container, https://developers.google.com/speed/webp/docs/riff_container)

const VP8X_EXIF_FLAG = 0x08
const VP8X_XMP_FLAG = 0x04

function webpLayout(bytes: Uint8Array): Layout {
  need(fourcc(bytes, 0) === 'RIFF' && fourcc(bytes, 8) === 'WEBP', 'WebP RIFF header missing')
  const riffEnd = 8 + u32le(bytes, 4)
  need(riffEnd >= 12 && riffEnd <= bytes.length, 'WebP RIFF size runs past the end')
  const layout: Layout = { pieces: [], zero: [], exif: [] }
  const kept: Piece[] = []
  let at = 12
  let sawImage = false
  while (at < riffEnd) {
    need(at + 8 <= riffEnd, 'WebP chunk header is cut off')
    const type = fourcc(bytes, at)
    const size = u32le(bytes, at + 4)
    const dataEnd = at + 8 + size
    // Odd-sized chunks carry one padding byte (RIFF rule); a writer may omit it on the last chunk.
    const end = Math.min(dataEnd + (size & 1), riffEnd)
    need(dataEnd <= riffEnd, `WebP chunk ${type} runs past the end`)
    if (type === 'EXIF') {
      const tiff = startsWith(bytes, EXIF_HEADER, at + 8) ? at + 8 + EXIF_HEADER.length : at + 8
      layout.exif.push(bytes.subarray(tiff, dataEnd))
    } else if (type !== 'XMP ') {
      if (type === 'VP8X') {
        need(size >= 10, 'WebP VP8X chunk is too short')
        const chunk = bytes.slice(at, end)
        chunk[8] = (chunk[8] as number) & ~(VP8X_EXIF_FLAG | VP8X_XMP_FLAG)
        kept.push(chunk)
      } else {
        kept.push({ start: at, end })
      }
      if (type === 'VP8 ' || type === 'VP8L' || type === 'ANMF') sawImage = true
    }
    at = end
  }
  need(sawImage, 'WebP has no image data')
  const riffSize = 4 + kept.reduce((sum, piece) => sum + pieceLength(piece), 0)
  const header = concat([ascii('RIFF'), Uint8Array.of(0, 0, 0, 0), ascii('WEBP')])
  new DataView(header.buffer).setUint32(4, riffSize, true)
  layout.pieces = [header, ...kept]
  return layout
}

function pieceLength(piece: Piece): number {
  return piece instanceof Uint8Array ? piece.length : piece.end - piece.start
}

// --- HEIC / HEIF (ISO/IEC 14496-12 boxes, ISO/IEC 23008-12 items)

interface Box {
  type: string
  /** First byte of the box header. */
  start: number
  /** First byte after the header; callers step over a full box's version and flags themselves. */
  body: number
  end: number
}

function readBoxes(bytes: Uint8Array, start: number, end: number): Box[] {
  const boxes: Box[] = []
  let at = start
  while (at < end) {
    need(at + 8 <= end, `box header at byte ${at} is cut off`)
    let size = u32be(bytes, at)
    const type = fourcc(bytes, at + 4)
    let body = at + 8
    if (size === 1) {
      need(at + 16 <= end, `large box header at byte ${at} is cut off`)
      size = u32be(bytes, at + 8) * 2 ** 32 + u32be(bytes, at + 12)
      body = at + 16
    } else if (size === 0) {
      size = end - at
    }
    if (type === 'uuid') body += 16
    need(size >= body - at && at + size <= end, `box ${type} at byte ${at} runs past its parent`)
    boxes.push({ type, start: at, body, end: at + size })
    at += size
  }
  return boxes
}

/** A bounds-checked big-endian reader over one box body. */
class Cursor {
  constructor(
    private readonly bytes: Uint8Array,
    public at: number,
    private readonly end: number,
  ) {}

  private take(count: number): number {
    need(this.at + count <= this.end, 'box body is cut off')
    const at = this.at
    this.at += count
    return at
  }

  skip(count: number): void {
    this.take(count)
  }

  u8(): number {
    return this.bytes[this.take(1)] as number
  }

  u16(): number {
    return u16be(this.bytes, this.take(2))
  }

  u32(): number {
    return u32be(this.bytes, this.take(4))
  }

  /** An unsigned integer of 0, 4 or 8 bytes, as iloc's variable-width fields are. */
  uint(size: number): number {
    if (size === 0) return 0
    if (size === 4) return this.u32()
    need(size === 8, `unsupported iloc field size ${size}`)
    const value = this.u32() * 2 ** 32 + this.u32()
    need(Number.isSafeInteger(value), 'iloc value is too large')
    return value
  }

  fourcc(): string {
    return fourcc(this.bytes, this.take(4))
  }

  /** A NUL-terminated UTF-8 string; a missing terminator at the end of the box is tolerated. */
  cstring(): string {
    const from = this.at
    while (this.at < this.end && this.bytes[this.at] !== 0) this.at++
    const text = new TextDecoder().decode(this.bytes.subarray(from, this.at))
    if (this.at < this.end) this.at++
    return text
  }
}

function child(bytes: Uint8Array, parent: Box, type: string): Box | undefined {
  return readBoxes(bytes, parent.body, parent.end).find((box) => box.type === type)
}

/** Item ids whose payload is EXIF or XMP, from `iinf`. */
function metadataItems(bytes: Uint8Array, iinf: Box): { exif: Set<number>; xmp: Set<number> } {
  const header = new Cursor(bytes, iinf.body, iinf.end)
  const version = header.u8()
  header.skip(3) // flags
  const count = version === 0 ? header.u16() : header.u32()
  const entries = readBoxes(bytes, header.at, iinf.end).filter((box) => box.type === 'infe')
  need(entries.length === count, 'iinf entry count does not match its entries')
  const exif = new Set<number>()
  const xmp = new Set<number>()
  for (const infe of entries) {
    const c = new Cursor(bytes, infe.body, infe.end)
    const infeVersion = c.u8()
    c.skip(3) // flags
    // Versions 0 and 1 predate typed items and cannot declare EXIF or XMP.
    if (infeVersion < 2) continue
    const id = infeVersion === 2 ? c.u16() : c.u32()
    c.skip(2) // item_protection_index
    const itemType = c.fourcc()
    c.cstring() // item_name, unused
    if (itemType === 'Exif') exif.add(id)
    if (itemType === 'mime' && c.cstring().trim().toLowerCase() === 'application/rdf+xml') xmp.add(id)
  }
  return { exif, xmp }
}

/** Byte ranges in the file of each item listed, from `iloc` (versions 0, 1 and 2). */
function itemExtents(bytes: Uint8Array, meta: Box, iloc: Box, wanted: Set<number>): Map<number, Span[]> {
  const c = new Cursor(bytes, iloc.body, iloc.end)
  const version = c.u8()
  c.skip(3) // flags
  need(version <= 2, `unsupported iloc version ${version}`)
  const sizes = c.u8()
  const offsetSize = sizes >> 4
  const lengthSize = sizes & 0x0f
  const more = c.u8()
  const baseOffsetSize = more >> 4
  const indexSize = version === 0 ? 0 : more & 0x0f
  for (const size of [offsetSize, lengthSize, baseOffsetSize, indexSize]) {
    need(size === 0 || size === 4 || size === 8, `unsupported iloc field size ${size}`)
  }
  const itemCount = version < 2 ? c.u16() : c.u32()
  const idat = child(bytes, meta, 'idat')
  const found = new Map<number, Span[]>()
  for (let i = 0; i < itemCount; i++) {
    const id = version < 2 ? c.u16() : c.u32()
    const method = version === 0 ? 0 : c.u16() & 0x0f
    const dataReference = c.u16()
    const baseOffset = c.uint(baseOffsetSize)
    const extentCount = c.u16()
    const spans: Span[] = []
    for (let e = 0; e < extentCount; e++) {
      if (indexSize > 0) c.uint(indexSize)
      const offset = c.uint(offsetSize)
      const length = c.uint(lengthSize)
      // Image items are bounds-checked too, so a cut-off file is caught here; only metadata items must
      // be resolvable, because only they have to be erased.
      if (!wanted.has(id) && (dataReference !== 0 || method > 1)) continue
      need(dataReference === 0, `item ${id} lives outside this file`)
      // Method 0 addresses the file, method 1 the meta box's idat; method 2 (item offsets) is not used by
      // cameras for metadata and is refused rather than guessed at.
      need(method === 0 || method === 1, `item ${id} uses unsupported construction method ${method}`)
      need(method === 0 || idat !== undefined, `item ${id} points into a missing idat box`)
      const origin = method === 1 && idat ? idat.body : 0
      const limit = method === 1 && idat ? idat.end : bytes.length
      const start = origin + baseOffset + offset
      // A zero length means "to the end of the referenced data" (ISO/IEC 14496-12 §8.11.3.3).
      const end = length === 0 ? limit : start + length
      need(start <= end && end <= limit, `item ${id} extent runs past the end`)
      if (wanted.has(id)) spans.push({ start, end })
    }
    if (wanted.has(id)) found.set(id, [...(found.get(id) ?? []), ...spans])
  }
  need(c.at <= iloc.end, 'iloc is cut off')
  return found
}

function heicLayout(bytes: Uint8Array): Layout {
  const top = readBoxes(bytes, 0, bytes.length)
  need(top[0]?.type === 'ftyp', 'HEIF does not start with ftyp')
  const metaBox = top.find((box) => box.type === 'meta')
  need(metaBox !== undefined, 'HEIF has no meta box')
  // meta is a full box: skip its version and flags before the children.
  const meta = { ...metaBox, body: metaBox.body + 4 }
  need(meta.body <= meta.end, 'HEIF meta box is cut off')
  const iinf = child(bytes, meta, 'iinf')
  const iloc = child(bytes, meta, 'iloc')
  need(iinf !== undefined && iloc !== undefined, 'HEIF meta box lacks iinf or iloc')
  const { exif, xmp } = metadataItems(bytes, iinf)
  const extents = itemExtents(bytes, meta, iloc, new Set([...exif, ...xmp]))
  const layout: Layout = { pieces: [{ start: 0, end: bytes.length }], zero: [], exif: [] }
  for (const [id, spans] of extents) {
    layout.zero.push(...spans)
    if (!exif.has(id)) continue
    // An item may be split over several extents; its payload is their concatenation. The EXIF item
    // opens with a 4-byte offset to the TIFF header (ISO/IEC 23008-12 Annex A.2.1).
    const payload = concat(spans.map((span) => bytes.subarray(span.start, span.end)))
    const tiff = 4 + u32be(payload, 0)
    if (payload.length >= 4 && tiff < payload.length) layout.exif.push(payload.subarray(tiff))
  }
  return layout
}

// ---------------------------------------------------------------------------------------------------
// Stripping

/**
 * A copy of the photo without EXIF and XMP (and so without GPS). JPEG, PNG and WebP are rebuilt from
 * their other segments or chunks, copied byte for byte; a JPEG keeps a minimal EXIF with only its
 * Orientation when that is not 1. HEIC keeps its length and every offset: the EXIF and XMP items' bytes
 * are overwritten with zeros. The input is never modified. Throws `PhotoMetadataError` when the
 * structure cannot be followed, so the caller rejects the upload instead of storing location data.
 */
export function stripLocationMetadata(bytes: Uint8Array, type: PhotoType): Uint8Array {
  const layout = layoutOf(bytes, type)
  const out = concat(
    layout.pieces.map((piece) =>
      piece instanceof Uint8Array ? piece : bytes.subarray(piece.start, piece.end),
    ),
  )
  for (const span of layout.zero) out.fill(0, span.start, span.end)
  return out
}

// ---------------------------------------------------------------------------------------------------
// EXIF (TIFF) reading: just enough to find the GPS position and the orientation

interface Ifd {
  tiff: Uint8Array
  little: boolean
  entries: Map<number, { type: number; count: number; valueAt: number }>
}

const TIFF_TYPE_SIZES: Record<number, number> = { 1: 1, 2: 1, 3: 2, 4: 4, 5: 8, 7: 1, 9: 4, 10: 8 }

function tiffU16(tiff: Uint8Array, at: number, little: boolean): number {
  return little ? (tiff[at] ?? 0) | ((tiff[at + 1] ?? 0) << 8) : u16be(tiff, at)
}

function tiffU32(tiff: Uint8Array, at: number, little: boolean): number {
  return little ? u32le(tiff, at) : u32be(tiff, at)
}

/** IFD0 (or the IFD at `offset`) of a TIFF block, or null when it is malformed. */
function readIfd(tiff: Uint8Array, offset?: number): Ifd | null {
  if (tiff.length < 8) return null
  const order = fourcc(tiff, 0).slice(0, 2)
  if (order !== 'II' && order !== 'MM') return null
  const little = order === 'II'
  if (tiffU16(tiff, 2, little) !== 42) return null
  const at = offset ?? tiffU32(tiff, 4, little)
  if (at < 8 || at + 2 > tiff.length) return null
  const count = tiffU16(tiff, at, little)
  if (at + 2 + count * 12 > tiff.length) return null
  const entries: Ifd['entries'] = new Map()
  for (let i = 0; i < count; i++) {
    const entry = at + 2 + i * 12
    const type = tiffU16(tiff, entry + 2, little)
    const valueCount = tiffU32(tiff, entry + 4, little)
    const size = (TIFF_TYPE_SIZES[type] ?? 0) * valueCount
    // Values of four bytes or fewer sit in the entry itself; longer ones are at an offset.
    const valueAt = size <= 4 ? entry + 8 : tiffU32(tiff, entry + 8, little)
    if (size === 0 || valueAt + size > tiff.length) continue
    entries.set(tiffU16(tiff, entry, little), { type, count: valueCount, valueAt })
  }
  return { tiff, little, entries }
}

function readOrientation(tiff: Uint8Array): number | null {
  const ifd = readIfd(tiff)
  const entry = ifd?.entries.get(0x0112)
  if (!ifd || !entry || entry.type !== 3) return null
  const value = tiffU16(tiff, entry.valueAt, ifd.little)
  return value >= 1 && value <= 8 ? value : null
}

function readDegrees(ifd: Ifd, tag: number): number | null {
  const entry = ifd.entries.get(tag)
  if (!entry || entry.type !== 5 || entry.count !== 3) return null
  let degrees = 0
  for (let i = 0; i < 3; i++) {
    const numerator = tiffU32(ifd.tiff, entry.valueAt + i * 8, ifd.little)
    const denominator = tiffU32(ifd.tiff, entry.valueAt + i * 8 + 4, ifd.little)
    if (denominator === 0) return null
    degrees += numerator / denominator / 60 ** i
  }
  return degrees
}

function readRef(ifd: Ifd, tag: number): string | null {
  const entry = ifd.entries.get(tag)
  return entry && entry.type === 2 ? String.fromCharCode(ifd.tiff[entry.valueAt] ?? 0) : null
}

/**
 * The GPS position recorded in the photo's EXIF, in signed decimal degrees (south and west negative), or
 * null when there is none or the structure cannot be read. Reads the first EXIF block of any supported
 * format; in both byte orders.
 */
export function readExifGps(
  bytes: Uint8Array,
  type: PhotoType,
): { latitude: number; longitude: number } | null {
  let layout: Layout
  try {
    layout = layoutOf(bytes, type)
  } catch (error) {
    if (error instanceof PhotoMetadataError) return null
    throw error
  }
  const tiff = layout.exif[0]
  if (!tiff) return null
  const ifd0 = readIfd(tiff)
  const pointer = ifd0?.entries.get(0x8825)
  if (!ifd0 || !pointer || pointer.type !== 4) return null
  const gps = readIfd(tiff, tiffU32(tiff, pointer.valueAt, ifd0.little))
  if (!gps) return null
  const latitude = readDegrees(gps, 0x0002)
  const longitude = readDegrees(gps, 0x0004)
  const latitudeRef = readRef(gps, 0x0001)
  const longitudeRef = readRef(gps, 0x0003)
  if (latitude === null || longitude === null) return null
  return {
    latitude: latitudeRef === 'S' ? -latitude : latitude,
    longitude: longitudeRef === 'W' ? -longitude : longitude,
  }
}
