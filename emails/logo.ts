// The shop's logo in an email: attached to the message as an inline image part and referred to from the
// HTML by its Content-ID, so nothing is fetched from the web when the buyer opens it (no remote image,
// nothing that reports the opening). The Content-ID names the logo's version (a prefix of its SHA-256),
// so a preview can tell whether a stored message carried the logo the shop has now.
import type { BrandLogo } from './types'

/** Shown at most this size (CSS pixels); the stored image is up to twice that, for sharp screens. */
const SHOW = { width: 200, height: 64 } as const

export interface LogoImage {
  contentType: string
  bytes: Uint8Array
  width: number
  height: number
  sha256: string
}

export function logoCid(sha256: string): string {
  return `logo-${sha256.slice(0, 16)}@homebound`
}

/** The logo as the templates place it: its Content-ID and the size it is shown at. */
export function brandLogo(logo: Pick<LogoImage, 'width' | 'height' | 'sha256'>): BrandLogo {
  const scale = Math.min(1, SHOW.width / logo.width, SHOW.height / logo.height)
  return {
    cid: logoCid(logo.sha256),
    width: Math.max(1, Math.round(logo.width * scale)),
    height: Math.max(1, Math.round(logo.height * scale)),
  }
}

/** The attachment that makes `cid:` work in the sent message. */
export function logoAttachment(logo: LogoImage) {
  return {
    cid: logoCid(logo.sha256),
    filename: logo.contentType === 'image/jpeg' ? 'logo.jpg' : 'logo.png',
    contentType: logo.contentType,
    content: logo.bytes,
  }
}

/**
 * For staff previews only (pages we serve, not mail): the logo written into the HTML as a data: URL
 * in place of its `cid:` reference, since the preview frame has no message parts to point at. A
 * message that carried another version of the logo keeps its reference (the image shows as missing).
 */
export function inlineLogoForPreview(html: string, logo: LogoImage | null | undefined): string {
  if (!logo) return html
  const dataUrl = `data:${logo.contentType};base64,${Buffer.from(logo.bytes).toString('base64')}`
  return html.replaceAll(`cid:${logoCid(logo.sha256)}`, dataUrl)
}
