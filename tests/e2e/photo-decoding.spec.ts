// Location data is removed from buyer photos by editing their bytes, with no image library. This proves a
// real decoder still opens every cleaned photo: Chromium's own encoders make a JPEG, a PNG and a WebP,
// the test adds a GPS position the way phones store it, strips it, and Chromium decodes both versions.
// (Chromium on Linux has no HEIC decoder; HEIC cleaning is covered byte for byte in the unit tests.)
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { checkPhoto, crc32, readExifGps, stripLocationMetadata } from '#integrations/storage/photo-intake'
import { ascii, concat, tiffWithGps, u16, u32 } from '#tests/helpers/exif'
import { launchBrowser, newPage } from './browser'

const WIDTH = 64
const HEIGHT = 48
const PLACE = { latitude: 52.370094, longitude: -4.895167 }

let browser: Browser
let page: Page
let encoded: { jpeg: Uint8Array; png: Uint8Array; webp: Uint8Array }

beforeAll(async () => {
  browser = await launchBrowser()
  page = await newPage(browser)
  await page.setContent(`<canvas id="c" width="${WIDTH}" height="${HEIGHT}"></canvas>`)
  const urls = await page.evaluate(() => {
    const canvas = document.getElementById('c') as HTMLCanvasElement
    const ctx = canvas.getContext('2d')!
    const gradient = ctx.createLinearGradient(0, 0, canvas.width, canvas.height)
    gradient.addColorStop(0, '#1f6f5c')
    gradient.addColorStop(1, '#f0dcd2')
    ctx.fillStyle = gradient
    ctx.fillRect(0, 0, canvas.width, canvas.height)
    return {
      jpeg: canvas.toDataURL('image/jpeg', 0.9),
      png: canvas.toDataURL('image/png'),
      webp: canvas.toDataURL('image/webp', 0.9),
    }
  })
  const raw = (url: string) => new Uint8Array(Buffer.from(url.slice(url.indexOf(',') + 1), 'base64'))
  encoded = { jpeg: raw(urls.jpeg), png: raw(urls.png), webp: raw(urls.webp) }
})

afterAll(async () => {
  await browser?.close()
})

async function decodedSize(bytes: Uint8Array, mime: string): Promise<[number, number]> {
  return page.evaluate(
    async ({ b64, mime }) => {
      const img = new Image()
      img.src = `data:${mime};base64,${b64}`
      await img.decode()
      return [img.naturalWidth, img.naturalHeight] as [number, number]
    },
    { b64: Buffer.from(bytes).toString('base64'), mime },
  )
}

/** JPEG: an APP1 "Exif" segment right after SOI, where cameras put it. */
function withJpegGps(jpeg: Uint8Array): Uint8Array {
  const payload = concat(ascii('Exif\0\0'), tiffWithGps(PLACE))
  return concat(
    jpeg.subarray(0, 2),
    Uint8Array.from([0xff, 0xe1]),
    u16(payload.length + 2),
    payload,
    jpeg.subarray(2),
  )
}

/** PNG: an eXIf chunk after IHDR. */
function withPngGps(png: Uint8Array): Uint8Array {
  const data = tiffWithGps(PLACE)
  const typeAndData = concat(ascii('eXIf'), data)
  const chunk = concat(u32(data.length), typeAndData, u32(crc32(typeAndData)))
  const afterIhdr = 8 + 8 + 13 + 4
  return concat(png.subarray(0, afterIhdr), chunk, png.subarray(afterIhdr))
}

/**
 * WebP: the extended format (a VP8X header with the EXIF flag) plus an EXIF chunk after the image. Chromium
 * already writes VP8X (it embeds an ICC profile), so its header gets the flag; a simple file gets a header.
 */
function withWebpGps(webp: Uint8Array): Uint8Array {
  const le24 = (v: number) => Uint8Array.from([v & 0xff, (v >> 8) & 0xff, (v >> 16) & 0xff])
  const le32 = (v: number) => u32(v, true)
  const riffChunk = (type: string, data: Uint8Array) =>
    concat(ascii(type), le32(data.length), data, data.length % 2 ? Uint8Array.from([0]) : new Uint8Array(0))
  let chunks = webp.subarray(12) // everything after "RIFF <size> WEBP"
  let vp8x: Uint8Array
  if (Buffer.from(chunks.subarray(0, 4)).toString('latin1') === 'VP8X') {
    vp8x = chunks.slice(0, 18)
    vp8x[8] = vp8x[8]! | 0x08
    chunks = chunks.subarray(18)
  } else {
    vp8x = riffChunk('VP8X', concat(Uint8Array.from([0x08, 0, 0, 0]), le24(WIDTH - 1), le24(HEIGHT - 1)))
  }
  const body = concat(ascii('WEBP'), vp8x, chunks, riffChunk('EXIF', tiffWithGps(PLACE)))
  return concat(ascii('RIFF'), le32(body.length), body)
}

test.each([
  ['jpeg', 'image/jpeg', withJpegGps],
  ['png', 'image/png', withPngGps],
  ['webp', 'image/webp', withWebpGps],
] as const)('a real %s keeps decoding after its location is removed', async (type, mime, addGps) => {
  const original = encoded[type]
  expect(await decodedSize(original, mime)).toEqual([WIDTH, HEIGHT])

  const tagged = addGps(original)
  expect(checkPhoto({ bytes: tagged })).toMatchObject({ ok: true, type })
  const position = readExifGps(tagged, type)
  expect(position?.latitude).toBeCloseTo(PLACE.latitude, 4)
  expect(position?.longitude).toBeCloseTo(PLACE.longitude, 4)
  expect(await decodedSize(tagged, mime)).toEqual([WIDTH, HEIGHT])

  const cleaned = stripLocationMetadata(tagged, type)
  expect(readExifGps(cleaned, type)).toBeNull()
  expect(Buffer.from(cleaned).includes(Buffer.from(tiffWithGps(PLACE)))).toBe(false)
  expect(checkPhoto({ bytes: cleaned })).toMatchObject({ ok: true, type })
  expect(await decodedSize(cleaned, mime)).toEqual([WIDTH, HEIGHT])
})
