import { deflateSync } from 'node:zlib'
import { describe, expect, test } from 'vitest'
import {
  checkPhoto,
  crc32,
  PHOTO_LIMITS,
  PhotoMetadataError,
  readExifGps,
  sniffImageType,
  stripLocationMetadata,
  type PhotoType,
} from '#integrations/storage/photo-intake'
import { ascii, bytes, concat, tiffWithGps, u16, u32, uint } from '#tests/helpers/exif'

// Every sample image is built here, byte by byte, so each test shows exactly which segments, chunks and
// boxes the file holds and which of them must survive stripping.

function untouched<T>(input: Uint8Array, fn: (input: Uint8Array) => T): T {
  const before = input.slice()
  const result = fn(input)
  expect(input).toEqual(before)
  return result
}

// ---------------------------------------------------------------------------------------------------
// EXIF (TIFF) with a GPS position

// 52° 22' 12.34" N, 4° 53' 42.6" W as the rationals a phone writes.
const NORTH_WEST = { latitude: 52 + 22 / 60 + 12.34 / 3600, longitude: -(4 + 53 / 60 + 42.6 / 3600) }
// 33° 51' 35.9" S, 151° 12' 40" E.
const SOUTH_EAST = { latitude: -(33 + 51 / 60 + 35.9 / 3600), longitude: 151 + 12 / 60 + 40 / 3600 }

function expectPosition(actual: { latitude: number; longitude: number } | null, expected: typeof NORTH_WEST) {
  expect(actual).not.toBeNull()
  expect(actual?.latitude).toBeCloseTo(expected.latitude, 6)
  expect(actual?.longitude).toBeCloseTo(expected.longitude, 6)
}

const XMP_PACKET = ascii(
  '<x:xmpmeta xmlns:x="adobe:ns:meta/"><exif:GPSLatitude>52,22.2N</exif:GPSLatitude></x:xmpmeta>',
)

// ---------------------------------------------------------------------------------------------------
// JPEG: an 8×8 mid-grey baseline image. Both Huffman tables hold one symbol (code `0`): DC category 0,
// then AC end-of-block, so the whole scan is the bits `00` padded with ones: 0x3F.

const segment = (marker: number, payload: Uint8Array): Uint8Array =>
  concat(bytes(0xff, marker), u16(payload.length + 2), payload)

const SOI = bytes(0xff, 0xd8)
const EOI = bytes(0xff, 0xd9)
const APP0 = segment(0xe0, concat(ascii('JFIF\0'), bytes(1, 1, 0, 0, 1, 0, 1, 0, 0)))
const APP2_ICC = segment(0xe2, concat(ascii('ICC_PROFILE\0'), bytes(1, 1), ascii('not a real profile')))
const DQT = segment(0xdb, concat(bytes(0x00), new Uint8Array(64).fill(1)))
const SOF0 = segment(0xc0, bytes(8, 0, 8, 0, 8, 1, 1, 0x11, 0))
const DHT_DC = segment(0xc4, concat(bytes(0x00, 1), new Uint8Array(15), bytes(0x00)))
const DHT_AC = segment(0xc4, concat(bytes(0x10, 1), new Uint8Array(15), bytes(0x00)))
const SOS = segment(0xda, bytes(1, 1, 0x00, 0, 63, 0))
const SCAN = bytes(0x3f)
const APP1_XMP = segment(0xe1, concat(ascii('http://ns.adobe.com/xap/1.0/\0'), XMP_PACKET))
const exifApp1 = (tiff: Uint8Array) => segment(0xe1, concat(ascii('Exif\0\0'), tiff))

const JPEG_IMAGE_SEGMENTS = [DQT, SOF0, DHT_DC, DHT_AC, SOS, SCAN, EOI]
const plainJpeg = () => concat(SOI, APP0, APP2_ICC, ...JPEG_IMAGE_SEGMENTS)

function jpegWithGps(tiff: Uint8Array): Uint8Array {
  return concat(SOI, APP0, exifApp1(tiff), APP1_XMP, APP2_ICC, ...JPEG_IMAGE_SEGMENTS)
}

// ---------------------------------------------------------------------------------------------------
// PNG: a 1×1 greyscale image

function chunk(type: string, data: Uint8Array): Uint8Array {
  const typed = concat(ascii(type), data)
  return concat(u32(data.length), typed, u32(crc32(typed)))
}

const PNG_SIGNATURE = bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)
const IHDR = chunk('IHDR', concat(u32(1), u32(1), bytes(8, 0, 0, 0, 0)))
const PHYS = chunk('pHYs', concat(u32(2835), u32(2835), bytes(1)))
const IDAT = chunk('IDAT', new Uint8Array(deflateSync(bytes(0, 0x80))))
const IEND = chunk('IEND', new Uint8Array(0))
const plainPng = () => concat(PNG_SIGNATURE, IHDR, PHYS, IDAT, IEND)

function pngWithGps(tiff: Uint8Array): Uint8Array {
  return concat(
    PNG_SIGNATURE,
    IHDR,
    chunk('eXIf', tiff),
    chunk('tEXt', ascii('Comment\0taken at home')),
    chunk('iTXt', concat(ascii('XML:com.adobe.xmp\0\0\0\0\0'), XMP_PACKET)),
    chunk('zTXt', concat(ascii('Raw profile type exif\0\0'), new Uint8Array(deflateSync(tiff)))),
    PHYS,
    IDAT,
    IEND,
  )
}

// ---------------------------------------------------------------------------------------------------
// WebP: the 1×1 lossless image used by Modernizr's WebP detection, re-wrapped in an extended container.

const LOSSLESS_1X1 = new Uint8Array(Buffer.from('UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA==', 'base64'))
// The VP8L chunk, with its padding byte (13 bytes of data).
const VP8L = LOSSLESS_1X1.subarray(12)

function riffChunk(type: string, data: Uint8Array): Uint8Array {
  return concat(ascii(type), u32(data.length, true), data, data.length % 2 ? bytes(0) : bytes())
}

const ICCP = riffChunk('ICCP', ascii('odd-sized profile'))
const vp8x = (flags: number) => riffChunk('VP8X', bytes(flags, 0, 0, 0, 0, 0, 0, 0, 0, 0))

function riff(...chunks: Uint8Array[]): Uint8Array {
  const body = concat(ascii('WEBP'), ...chunks)
  return concat(ascii('RIFF'), u32(body.length, true), body)
}

const ICC_EXIF_XMP = 0x20 | 0x08 | 0x04

function webpWithGps(tiff: Uint8Array): Uint8Array {
  return riff(vp8x(ICC_EXIF_XMP), ICCP, VP8L, riffChunk('EXIF', tiff), riffChunk('XMP ', XMP_PACKET))
}

// ---------------------------------------------------------------------------------------------------
// HEIC: ftyp + meta (hdlr, pitm, iinf, iloc[, idat]) + mdat. The "image" item's bytes are a stand-in:
// stripping never looks inside coded pixels, only at where the metadata items sit.

const box = (type: string, ...payload: Uint8Array[]) => {
  const body = concat(...payload)
  return concat(u32(body.length + 8), ascii(type), body)
}
const fullBox = (type: string, version: number, ...payload: Uint8Array[]) =>
  box(type, bytes(version, 0, 0, 0), ...payload)
const infe = (id: number, itemType: string, ...rest: Uint8Array[]) =>
  fullBox('infe', 2, u16(id), u16(0), ascii(itemType), ascii('\0'), ...rest)

interface IlocShape {
  version: 0 | 1 | 2
  offsetSize: number
  lengthSize: number
  baseOffsetSize: number
  indexSize: number
}

interface HeicItem {
  id: number
  /** 0 = in mdat, 1 = in idat. */
  method: 0 | 1
  data: Uint8Array
  /** Split the item over this many extents. */
  extents?: number
}

const PIXELS = new Uint8Array(40).fill(0xab)
const exifItem = (tiff: Uint8Array) => concat(u32(0), tiff)

function heic(
  shape: IlocShape,
  items: HeicItem[],
  { brands = ['heic', 'mif1', 'heic'], dataReference = 0, methodOverride }: HeicOptions = {},
): Uint8Array {
  const ftyp = box('ftyp', ascii(brands[0] ?? 'heic'), u32(0), ...brands.slice(1).map(ascii))
  const infes = items.map(({ id }, index) =>
    index === 0
      ? infe(id, 'hvc1')
      : id === XMP_ITEM_ID
        ? infe(id, 'mime', ascii('application/rdf+xml\0'))
        : infe(id, 'Exif'),
  )
  const idatData = concat(...items.filter((item) => item.method === 1).map((item) => item.data))
  const build = (mdatBody: number) => {
    const entries: Uint8Array[] = []
    let mdatAt = 0
    let idatAt = 0
    for (const item of items) {
      const inIdat = item.method === 1
      const start = inIdat ? idatAt : mdatAt
      const base = shape.baseOffsetSize > 0 && !inIdat ? mdatBody : 0
      const absolute = inIdat ? start : mdatBody + start
      const count = item.extents ?? 1
      const size = Math.ceil(item.data.length / count)
      const extents: Uint8Array[] = []
      for (let e = 0; e < count; e++) {
        const offset = absolute - base + e * size
        const length = Math.min(size, item.data.length - e * size)
        extents.push(
          concat(
            shape.version > 0 ? uint(e + 1, shape.indexSize) : bytes(),
            uint(offset, shape.offsetSize),
            uint(length, shape.lengthSize),
          ),
        )
      }
      entries.push(
        concat(
          shape.version < 2 ? u16(item.id) : u32(item.id),
          shape.version > 0 ? u16(methodOverride ?? item.method) : bytes(),
          u16(dataReference),
          uint(base, shape.baseOffsetSize),
          u16(count),
          ...extents,
        ),
      )
      if (inIdat) idatAt += item.data.length
      else mdatAt += item.data.length
    }
    const iloc = fullBox(
      'iloc',
      shape.version,
      bytes((shape.offsetSize << 4) | shape.lengthSize, (shape.baseOffsetSize << 4) | shape.indexSize),
      shape.version < 2 ? u16(items.length) : u32(items.length),
      ...entries,
    )
    const hdlr = fullBox('hdlr', 0, u32(0), ascii('pict'), new Uint8Array(12), ascii('\0'))
    const pitm = fullBox('pitm', 0, u16(1))
    const iinf = fullBox('iinf', 0, u16(items.length), ...infes)
    // Items stored with method 1 are addressed from the start of the idat body, so only the mdat
    // position depends on the meta box's length; it is measured on a first build and fed back in.
    const meta = fullBox(
      'meta',
      0,
      hdlr,
      pitm,
      iinf,
      iloc,
      ...(idatData.length > 0 ? [box('idat', idatData)] : []),
    )
    const mdat = box('mdat', ...items.filter((item) => item.method === 0).map((item) => item.data))
    return { file: concat(ftyp, meta, mdat), mdatBodyAt: ftyp.length + meta.length + 8 }
  }
  return build(build(0).mdatBodyAt).file
}

interface HeicOptions {
  brands?: string[]
  dataReference?: number
  methodOverride?: number
}

const XMP_ITEM_ID = 3
const ILOC_SHAPES: IlocShape[] = [
  { version: 0, offsetSize: 4, lengthSize: 4, baseOffsetSize: 0, indexSize: 0 },
  { version: 0, offsetSize: 8, lengthSize: 8, baseOffsetSize: 4, indexSize: 0 },
  { version: 1, offsetSize: 4, lengthSize: 4, baseOffsetSize: 8, indexSize: 4 },
  { version: 1, offsetSize: 8, lengthSize: 4, baseOffsetSize: 0, indexSize: 8 },
  { version: 2, offsetSize: 4, lengthSize: 8, baseOffsetSize: 4, indexSize: 0 },
  { version: 2, offsetSize: 8, lengthSize: 8, baseOffsetSize: 8, indexSize: 8 },
]

function indexOfBytes(haystack: Uint8Array, needle: Uint8Array): number {
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer
    return i
  }
  return -1
}

/** Proves `after` equals `before` except for `range`, which is all zeros. */
function expectOnlyZeroed(before: Uint8Array, after: Uint8Array, ranges: { start: number; end: number }[]) {
  expect(after.length).toBe(before.length)
  const expected = before.slice()
  for (const { start, end } of ranges) expected.fill(0, start, end)
  expect(after).toEqual(expected)
  for (const { start, end } of ranges) expect(after.subarray(start, end).some((b) => b !== 0)).toBe(false)
}

// ---------------------------------------------------------------------------------------------------

const SAMPLES: Record<PhotoType, () => Uint8Array> = {
  jpeg: () => jpegWithGps(tiffWithGps(NORTH_WEST)),
  png: () => pngWithGps(tiffWithGps(NORTH_WEST)),
  webp: () => webpWithGps(tiffWithGps(NORTH_WEST)),
  heic: () =>
    heic(ILOC_SHAPES[0] as IlocShape, [
      { id: 1, method: 0, data: PIXELS },
      { id: 2, method: 0, data: exifItem(tiffWithGps(NORTH_WEST)) },
    ]),
}
const TYPES = Object.keys(SAMPLES) as PhotoType[]

describe('recognising photos by their content', () => {
  test.each(TYPES)('a %s is recognised whatever it is called', (type) => {
    const photo = SAMPLES[type]()
    expect(sniffImageType(photo)).toBe(type)
    const check = untouched(photo, (input) => checkPhoto({ bytes: input, declaredName: 'scan.pdf' }))
    expect(check).toMatchObject({ ok: true, type })
  })

  test('each type reports its media type, HEIF without an HEVC brand as image/heif', () => {
    expect(checkPhoto({ bytes: plainJpeg() })).toMatchObject({ mime: 'image/jpeg' })
    expect(checkPhoto({ bytes: plainPng() })).toMatchObject({ mime: 'image/png' })
    expect(checkPhoto({ bytes: LOSSLESS_1X1 })).toMatchObject({ mime: 'image/webp' })
    expect(checkPhoto({ bytes: SAMPLES.heic() })).toMatchObject({ mime: 'image/heic' })
    const plainHeif = heic(ILOC_SHAPES[0] as IlocShape, [{ id: 1, method: 0, data: PIXELS }], {
      brands: ['mif1', 'mif1'],
    })
    expect(checkPhoto({ bytes: plainHeif })).toMatchObject({ ok: true, type: 'heic', mime: 'image/heif' })
  })

  test.each([
    ['a PDF', ascii('%PDF-1.7\n%âãÏÓ\n1 0 obj\n<< /Type /Catalog >>\nendobj\n')],
    ['an HTML page', ascii('<!doctype html><html><body><img src="x.jpg"></body></html>')],
    ['a ZIP archive', concat(bytes(0x50, 0x4b, 0x03, 0x04), new Uint8Array(26))],
    ['an MP4 video', box('ftyp', ascii('isom'), u32(512), ascii('isom'), ascii('mp41'))],
    ['two bytes of a JPEG', bytes(0xff, 0xd8)],
  ])('%s named photo.jpg is not an image', (_label, content) => {
    expect(sniffImageType(content)).toBeNull()
    const check = checkPhoto({ bytes: content, declaredName: 'photo.jpg' })
    expect(check).toMatchObject({ ok: false, code: 'not_an_image' })
    if (!check.ok)
      expect(check.message).toBe('“photo.jpg” is not a photo. Please upload a JPEG, PNG, WebP or HEIC image.')
  })

  test.each([
    ['GIF', ascii('GIF89a\x01\x00\x01\x00')],
    ['TIFF', bytes(0x49, 0x49, 0x2a, 0x00, 8, 0, 0, 0)],
    ['AVIF', box('ftyp', ascii('avif'), u32(0), ascii('mif1'), ascii('miaf'), ascii('avif'))],
  ])('a %s image is recognised but not accepted', (format, content) => {
    expect(sniffImageType(content)).toBeNull()
    const check = checkPhoto({ bytes: content })
    expect(check).toMatchObject({ ok: false, code: 'unsupported_type' })
    if (!check.ok) expect(check.message).toContain(format)
  })

  test('an empty upload is rejected as empty', () => {
    expect(checkPhoto({ bytes: new Uint8Array(0), declaredName: 'a.jpg' })).toEqual({
      ok: false,
      code: 'empty',
      message: '“a.jpg” is empty.',
    })
  })
})

describe('size limits', () => {
  test('the limits are 10 MiB per photo and 5 photos per item', () => {
    expect(PHOTO_LIMITS).toEqual({ maxBytes: 10_485_760, maxPerItem: 5 })
  })

  // Bytes after EOI are ignored by decoders, so padding a real JPEG reaches any size without content.
  const padded = (size: number) => {
    const out = new Uint8Array(size)
    out.set(plainJpeg())
    return out
  }

  test('a photo of exactly 10 MiB is accepted', () => {
    expect(checkPhoto({ bytes: padded(PHOTO_LIMITS.maxBytes) })).toMatchObject({ ok: true, type: 'jpeg' })
  })

  test('one byte more is rejected as too large', () => {
    const check = checkPhoto({ bytes: padded(PHOTO_LIMITS.maxBytes + 1) })
    expect(check).toMatchObject({ ok: false, code: 'too_large' })
    if (!check.ok) expect(check.message).toMatch(/larger than 10 MB/)
  })
})

describe('damaged files', () => {
  test.each(TYPES)('every truncation of a %s is rejected without throwing', (type) => {
    const photo = SAMPLES[type]()
    for (let length = 1; length < photo.length; length++) {
      const check = checkPhoto({ bytes: photo.subarray(0, length) })
      expect(check.ok, `${type} cut to ${length} bytes`).toBe(false)
      if (!check.ok) expect(['corrupt', 'not_an_image']).toContain(check.code)
      expect(() => stripLocationMetadata(photo.subarray(0, length), type)).toThrow(PhotoMetadataError)
      expect(readExifGps(photo.subarray(0, length), type)).toBeNull()
    }
  })

  test('a PNG chunk with a wrong CRC is corrupt', () => {
    const photo = plainPng()
    const ihdrWidthAt = PNG_SIGNATURE.length + 8 + 3
    photo[ihdrWidthAt] = (photo[ihdrWidthAt] ?? 0) ^ 0xff
    expect(checkPhoto({ bytes: photo })).toMatchObject({ ok: false, code: 'corrupt' })
  })

  test('a JPEG with a marker where image data should begin is corrupt', () => {
    const photo = concat(SOI, APP0, bytes(0x00, 0x11), ...JPEG_IMAGE_SEGMENTS)
    const check = checkPhoto({ bytes: photo, declaredName: 'box.jpg' })
    expect(check).toEqual({
      ok: false,
      code: 'corrupt',
      message: '“box.jpg” looks damaged or incomplete and could not be read. Please upload it again.',
    })
  })

  test('a JPEG with no image data is corrupt', () => {
    expect(checkPhoto({ bytes: concat(SOI, APP0, EOI) })).toMatchObject({ ok: false, code: 'corrupt' })
  })

  test('a WebP whose RIFF size overstates its length is corrupt', () => {
    const photo = LOSSLESS_1X1.slice()
    photo[4] = 0xff
    expect(checkPhoto({ bytes: photo })).toMatchObject({ ok: false, code: 'corrupt' })
  })

  test('a HEIC whose iloc uses a field size outside 0, 4 and 8 is refused', () => {
    const photo = heic({ version: 1, offsetSize: 2, lengthSize: 4, baseOffsetSize: 0, indexSize: 0 }, [
      { id: 1, method: 0, data: PIXELS },
    ])
    expect(() => stripLocationMetadata(photo, 'heic')).toThrow(/field size 2/)
    expect(checkPhoto({ bytes: photo })).toMatchObject({ ok: false, code: 'corrupt' })
  })

  test('a HEIC whose EXIF item points past the end of the file is refused', () => {
    const photo = SAMPLES.heic()
    const tiff = tiffWithGps(NORTH_WEST)
    // iloc v0 entry for item 2: id, data reference, extent count, then offset and length (4 bytes each).
    const lengthAt = indexOfBytes(photo, concat(u16(2), u16(0), u16(1))) + 10
    photo.set(u32(tiff.length + 1000), lengthAt)
    expect(() => stripLocationMetadata(photo, 'heic')).toThrow(PhotoMetadataError)
  })

  test('a HEIC EXIF item built from other items or stored elsewhere is refused, not guessed at', () => {
    const items: HeicItem[] = [
      { id: 1, method: 0, data: PIXELS },
      { id: 2, method: 0, data: exifItem(tiffWithGps(NORTH_WEST)) },
    ]
    const shape = ILOC_SHAPES[2] as IlocShape
    expect(() => stripLocationMetadata(heic(shape, items, { methodOverride: 2 }), 'heic')).toThrow(
      /construction method 2/,
    )
    expect(() => stripLocationMetadata(heic(shape, items, { dataReference: 1 }), 'heic')).toThrow(
      /outside this file/,
    )
  })
})

describe('stripping location metadata from JPEG', () => {
  test.each([
    ['big-endian', false, NORTH_WEST],
    ['little-endian', true, SOUTH_EAST],
  ])(
    '%s EXIF GPS is there before and gone after; every other segment is kept',
    (_order, little, position) => {
      const photo = jpegWithGps(tiffWithGps(position, { little }))
      expectPosition(readExifGps(photo, 'jpeg'), position)
      const stripped = untouched(photo, (input) => stripLocationMetadata(input, 'jpeg'))
      expect(readExifGps(stripped, 'jpeg')).toBeNull()
      expect(stripped).toEqual(plainJpeg())
      expect(indexOfBytes(stripped, XMP_PACKET)).toBe(-1)
      expect(checkPhoto({ bytes: stripped })).toMatchObject({ ok: true, type: 'jpeg' })
    },
  )

  test('a rotated photo keeps only its orientation in a minimal EXIF block', () => {
    const photo = jpegWithGps(tiffWithGps(NORTH_WEST, { little: true, orientation: 6 }))
    const stripped = stripLocationMetadata(photo, 'jpeg')
    const orientationOnly = exifApp1(
      concat(
        bytes(0x4d, 0x4d, 0, 0x2a, 0, 0, 0, 8),
        u16(1),
        bytes(0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, 6, 0, 0),
        u32(0),
      ),
    )
    expect(stripped).toEqual(concat(SOI, APP0, orientationOnly, APP2_ICC, ...JPEG_IMAGE_SEGMENTS))
    expect(readExifGps(stripped, 'jpeg')).toBeNull()
  })

  test('an upright photo (orientation 1) loses its EXIF block entirely', () => {
    const photo = jpegWithGps(tiffWithGps(NORTH_WEST, { orientation: 1 }))
    expect(stripLocationMetadata(photo, 'jpeg')).toEqual(plainJpeg())
  })

  test('scan data with stuffed bytes and restarts is kept as is; trailers after EOI are dropped', () => {
    const scan = bytes(0x12, 0xff, 0x00, 0x34, 0xff, 0xd0, 0x56, 0xff, 0xff, 0x00, 0x78)
    const photo = concat(SOI, exifApp1(tiffWithGps(NORTH_WEST)), DQT, SOF0, DHT_DC, DHT_AC, SOS, scan, EOI)
    const trailer = ascii('camera trailer with its own metadata')
    const stripped = stripLocationMetadata(concat(photo, trailer), 'jpeg')
    expect(stripped).toEqual(concat(SOI, DQT, SOF0, DHT_DC, DHT_AC, SOS, scan, EOI))
  })

  test('Photoshop and extended XMP segments are dropped too', () => {
    const photoshop = segment(0xed, concat(ascii('Photoshop 3.0\0'), ascii('8BIM'), XMP_PACKET))
    const extended = segment(0xe1, concat(ascii('http://ns.adobe.com/xmp/extension/\0'), XMP_PACKET))
    const photo = concat(SOI, APP0, photoshop, extended, ...JPEG_IMAGE_SEGMENTS)
    expect(stripLocationMetadata(photo, 'jpeg')).toEqual(concat(SOI, APP0, ...JPEG_IMAGE_SEGMENTS))
  })
})

describe('stripping location metadata from PNG', () => {
  test('crc32 matches the standard check values', () => {
    expect(crc32(ascii('123456789'))).toBe(0xcbf43926)
    expect(IEND).toEqual(bytes(0, 0, 0, 0, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82))
  })

  test('eXIf and text chunks go; IHDR, pHYs, IDAT and IEND are kept byte for byte', () => {
    const photo = pngWithGps(tiffWithGps(SOUTH_EAST, { little: true }))
    expectPosition(readExifGps(photo, 'png'), SOUTH_EAST)
    const stripped = untouched(photo, (input) => stripLocationMetadata(input, 'png'))
    expect(stripped).toEqual(plainPng())
    expect(readExifGps(stripped, 'png')).toBeNull()
    expect(checkPhoto({ bytes: stripped })).toMatchObject({ ok: true, type: 'png' })
  })
})

describe('stripping location metadata from WebP', () => {
  test('EXIF and XMP chunks go, their VP8X flags are cleared and the RIFF size is fixed', () => {
    const photo = webpWithGps(tiffWithGps(NORTH_WEST))
    expectPosition(readExifGps(photo, 'webp'), NORTH_WEST)
    const stripped = untouched(photo, (input) => stripLocationMetadata(input, 'webp'))
    expect(stripped).toEqual(riff(vp8x(0x20), ICCP, VP8L))
    expect(new DataView(stripped.buffer).getUint32(4, true)).toBe(stripped.length - 8)
    expect(stripped[8 + 4 + 8]).toBe(0x20)
    expect(readExifGps(stripped, 'webp')).toBeNull()
    expect(checkPhoto({ bytes: stripped })).toMatchObject({ ok: true, type: 'webp' })
  })

  test('an EXIF chunk that repeats the JPEG "Exif" prefix is still read and removed', () => {
    const photo = riff(
      vp8x(0x08),
      VP8L,
      riffChunk('EXIF', concat(ascii('Exif\0\0'), tiffWithGps(SOUTH_EAST))),
    )
    expectPosition(readExifGps(photo, 'webp'), SOUTH_EAST)
    expect(stripLocationMetadata(photo, 'webp')).toEqual(riff(vp8x(0), VP8L))
  })

  test('a simple lossless WebP without metadata comes back unchanged', () => {
    expect(stripLocationMetadata(LOSSLESS_1X1, 'webp')).toEqual(LOSSLESS_1X1)
  })
})

describe('stripping location metadata from HEIC', () => {
  test.each(
    ILOC_SHAPES.map((shape): [string, IlocShape] => [
      `v${shape.version}, field sizes ` +
        [shape.offsetSize, shape.lengthSize, shape.baseOffsetSize, shape.indexSize].join('/'),
      shape,
    ]),
  )('iloc %s (offset/length/base/index): the EXIF item is zeroed in place', (_label, shape) => {
    const tiff = tiffWithGps(SOUTH_EAST, { little: true })
    const photo = heic(shape, [
      { id: 1, method: 0, data: PIXELS },
      { id: 2, method: 0, data: exifItem(tiff), extents: 2 },
    ])
    expect(checkPhoto({ bytes: photo })).toMatchObject({ ok: true, type: 'heic' })
    expectPosition(readExifGps(photo, 'heic'), SOUTH_EAST)
    const stripped = untouched(photo, (input) => stripLocationMetadata(input, 'heic'))
    const exifAt = indexOfBytes(photo, tiff) - 4
    expectOnlyZeroed(photo, stripped, [{ start: exifAt, end: exifAt + 4 + tiff.length }])
    expect(readExifGps(stripped, 'heic')).toBeNull()
    expect(checkPhoto({ bytes: stripped })).toMatchObject({ ok: true, type: 'heic' })
  })

  test('an XMP item (mime application/rdf+xml) is zeroed as well', () => {
    const tiff = tiffWithGps(NORTH_WEST)
    const photo = heic(ILOC_SHAPES[4] as IlocShape, [
      { id: 1, method: 0, data: PIXELS },
      { id: 2, method: 0, data: exifItem(tiff) },
      { id: XMP_ITEM_ID, method: 0, data: XMP_PACKET },
    ])
    const stripped = stripLocationMetadata(photo, 'heic')
    const exifAt = indexOfBytes(photo, tiff) - 4
    const xmpAt = indexOfBytes(photo, XMP_PACKET)
    expectOnlyZeroed(photo, stripped, [
      { start: exifAt, end: exifAt + 4 + tiff.length },
      { start: xmpAt, end: xmpAt + XMP_PACKET.length },
    ])
  })

  test('an EXIF item stored in the meta box idat is zeroed there', () => {
    const tiff = tiffWithGps(NORTH_WEST, { little: true })
    const photo = heic(ILOC_SHAPES[2] as IlocShape, [
      { id: 1, method: 0, data: PIXELS },
      { id: 2, method: 1, data: exifItem(tiff) },
    ])
    const exifAt = indexOfBytes(photo, tiff) - 4
    expect(exifAt).toBeLessThan(indexOfBytes(photo, ascii('mdat')))
    expectPosition(readExifGps(photo, 'heic'), NORTH_WEST)
    const stripped = stripLocationMetadata(photo, 'heic')
    expectOnlyZeroed(photo, stripped, [{ start: exifAt, end: exifAt + 4 + tiff.length }])
    expect(readExifGps(stripped, 'heic')).toBeNull()
  })

  test('a HEIC without metadata items comes back byte for byte', () => {
    const photo = heic(ILOC_SHAPES[1] as IlocShape, [{ id: 1, method: 0, data: PIXELS }])
    expect(stripLocationMetadata(photo, 'heic')).toEqual(photo)
    expect(readExifGps(photo, 'heic')).toBeNull()
  })
})
