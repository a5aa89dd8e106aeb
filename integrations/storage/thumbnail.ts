// A small JPEG of each photo for the case page and the wizard, made with sharp (libvips). It is rotated
// upright by the photo's EXIF orientation and carries no metadata of its own. HEIC cannot be decoded by
// the libvips build sharp ships (HEVC is patent-encumbered), so HEIC photos have no thumbnail and the
// page shows a file tile instead; every other accepted type gets one.
import sharp from 'sharp'

export const THUMB_SIZE = 320

export interface Thumbnail {
  bytes: Uint8Array
  /** The original photo's size in pixels, upright. */
  width: number
  height: number
}

/** A thumbnail, or null when this photo's format cannot be decoded here. */
export async function makeThumbnail(bytes: Uint8Array): Promise<Thumbnail | null> {
  try {
    const image = sharp(bytes, { failOn: 'error', limitInputPixels: 100_000_000 }).rotate()
    const meta = await image.metadata()
    const swap = (meta.orientation ?? 1) >= 5
    const out = await image
      .resize(THUMB_SIZE, THUMB_SIZE, { fit: 'inside', withoutEnlargement: true })
      .jpeg({ quality: 78, mozjpeg: true })
      .toBuffer()
    return {
      bytes: new Uint8Array(out),
      width: (swap ? meta.height : meta.width) ?? 0,
      height: (swap ? meta.width : meta.height) ?? 0,
    }
  } catch {
    return null
  }
}
