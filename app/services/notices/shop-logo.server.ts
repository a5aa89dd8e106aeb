// The shop's email logo, set on the notice settings page: upload (checked by its content, at most 1 MB,
// scaled to email size by integrations/storage/logo.ts), remove, and read back for the page and the
// staff previews. A refused upload changes nothing and says why in a sentence.
import {
  MaxPartSizeExceededError,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
} from '@remix-run/node'
import { db } from '#db/client'
import { deleteShopLogo, findShopLogo, upsertShopLogo } from '#db/queries/shop-logos'
import { LOGO_LIMITS, prepareLogo } from '#integrations/storage'

export const LOGO_FIELD = 'logo'

const TOO_LARGE = 'The logo is larger than 1 MB. Please upload a smaller file (a PNG, JPEG or WebP file).'
/** The file plus the form's few fields; anything larger is refused before it is read to the end. */
const MAX_REQUEST_BYTES = LOGO_LIMITS.maxBytes + 64 * 1024

export type LogoUpload =
  | { ok: true; fields: Record<string, string>; file: Uint8Array | null }
  | { ok: false; status: 400 | 422; message: string }

/** Reads the logo form (multipart): its text fields and the one file, with the size limit applied. */
export async function readLogoUpload(request: Request): Promise<LogoUpload> {
  if (Number(request.headers.get('Content-Length') ?? '0') > MAX_REQUEST_BYTES) {
    return { ok: false, status: 422, message: TOO_LARGE }
  }
  let form: FormData
  try {
    form = await unstable_parseMultipartFormData(
      request,
      unstable_createMemoryUploadHandler({ maxPartSize: LOGO_LIMITS.maxBytes }),
    )
  } catch (err) {
    if (err instanceof MaxPartSizeExceededError) return { ok: false, status: 422, message: TOO_LARGE }
    return { ok: false, status: 400, message: 'The upload could not be read. Please try again.' }
  }
  const fields: Record<string, string> = {}
  let file: Uint8Array | null = null
  for (const [name, value] of form) {
    if (typeof value === 'string') fields[name] = value.slice(0, 200)
    else if (name === LOGO_FIELD && (value.size > 0 || value.name)) {
      file = new Uint8Array(await value.arrayBuffer())
    }
  }
  return { ok: true, fields, file }
}

export type SaveShopLogoResult = { ok: true } | { ok: false; status: 422; message: string }

/** Stores the uploaded logo (replacing the shop's previous one), or says why it cannot be used. */
export async function saveShopLogo(input: {
  shopId: string
  staffId: string
  file: Uint8Array | null
  now: Date
}): Promise<SaveShopLogoResult> {
  if (!input.file) return { ok: false, status: 422, message: 'Choose an image file to upload.' }
  const prepared = await prepareLogo(input.file)
  if (!prepared.ok) return { ok: false, status: 422, message: prepared.message }
  await upsertShopLogo(db, {
    shopId: input.shopId,
    ...prepared.logo,
    staffId: input.staffId,
    at: input.now,
  })
  return { ok: true }
}

export async function removeShopLogo(input: { shopId: string }): Promise<void> {
  await deleteShopLogo(db, input.shopId)
}

/** The logo's image for staff pages, or null when the shop has none. */
export async function readShopLogo(input: { shopId: string }) {
  const logo = await findShopLogo(db, input.shopId)
  return logo ? { bytes: logo.bytes, contentType: logo.contentType, sha256: logo.sha256 } : null
}
