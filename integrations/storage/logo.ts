// A shop's logo for the header of its emails. The merchant uploads a PNG, JPEG or WebP of at most 1 MB;
// the type is judged from the bytes (the photo checks' sniffing), never from the file name. sharp then
// decodes it, turns it upright, scales it down to fit 400 × 128 pixels (twice the size it is shown at,
// for sharp screens) and writes a fresh file with no metadata: PNG when the upload may have transparency
// (PNG, WebP; WebP itself is not shown by many mail programs), JPEG for a JPEG. Anything sharp cannot
// decode, or whose pixels would not fit in memory, is refused with a sentence the merchant can act on.
import { createHash } from 'node:crypto'
import sharp from 'sharp'
import { otherImageFormat, sniffImageType } from './photo-intake'

export const LOGO_LIMITS = { maxBytes: 1024 * 1024, maxWidth: 400, maxHeight: 128 } as const

export type LogoContentType = 'image/png' | 'image/jpeg'

export interface PreparedLogo {
  bytes: Uint8Array
  contentType: LogoContentType
  width: number
  height: number
  /** Hex SHA-256 of `bytes`: names this version of the logo. */
  sha256: string
}

export type LogoCheckCode = 'empty' | 'too_large' | 'not_an_image' | 'unsupported_type' | 'unreadable'

export type PreparedLogoResult =
  { ok: true; logo: PreparedLogo } | { ok: false; code: LogoCheckCode; message: string }

const TYPES = 'a PNG, JPEG or WebP file'

/** Checks an uploaded logo by its content and makes the email-sized version; never throws for bad input. */
export async function prepareLogo(bytes: Uint8Array): Promise<PreparedLogoResult> {
  if (bytes.length === 0) return { ok: false, code: 'empty', message: 'Choose an image file to upload.' }
  if (bytes.length > LOGO_LIMITS.maxBytes) {
    return {
      ok: false,
      code: 'too_large',
      message: `The logo is larger than 1 MB. Please upload a smaller file (${TYPES}).`,
    }
  }
  const type = sniffImageType(bytes)
  if (type === null || type === 'heic') {
    const other = type === 'heic' ? 'HEIC' : otherImageFormat(bytes)
    return other
      ? {
          ok: false,
          code: 'unsupported_type',
          message: `The logo is a ${other} image. Please upload ${TYPES}.`,
        }
      : { ok: false, code: 'not_an_image', message: `This file is not an image. Please upload ${TYPES}.` }
  }
  try {
    // NOTE: limitInputPixels stops a small file that decompresses to an enormous canvas.
    const image = sharp(bytes, { failOn: 'error', limitInputPixels: 40_000_000 })
      .rotate()
      .resize(LOGO_LIMITS.maxWidth, LOGO_LIMITS.maxHeight, { fit: 'inside', withoutEnlargement: true })
    const jpeg = type === 'jpeg'
    const { data, info } = await (
      jpeg ? image.jpeg({ quality: 88, mozjpeg: true }) : image.png({ compressionLevel: 9 })
    ).toBuffer({ resolveWithObject: true })
    const out = new Uint8Array(data)
    return {
      ok: true,
      logo: {
        bytes: out,
        contentType: jpeg ? 'image/jpeg' : 'image/png',
        width: info.width,
        height: info.height,
        sha256: createHash('sha256').update(out).digest('hex'),
      },
    }
  } catch {
    return {
      ok: false,
      code: 'unreadable',
      message: `The image could not be read; it may be damaged. Please save it again as ${TYPES}.`,
    }
  }
}
