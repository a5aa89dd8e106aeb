// Reads a buyer form that may carry photos. Text fields come back as strings (trimmed to a sane length),
// files grouped by field name as bytes. A request larger than a wizard page can need, or a single file
// over the photo limit, is refused before it is read to the end, with a message the page can show.
import {
  MaxPartSizeExceededError,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
} from '@remix-run/node'
import type { UploadedFile } from '#app/services/returns/photos.server'

const MAX_FILE_BYTES = 10 * 1024 * 1024
/** Five photos of 10 MB for a handful of items, plus the text fields. */
const MAX_REQUEST_BYTES = 60 * 1024 * 1024
const MAX_FIELD_CHARS = 4000

export type WizardForm =
  | { ok: true; fields: Record<string, string>; files: Map<string, UploadedFile[]> }
  | {
      ok: false
      status: 400 | 413
      formError: 'photo.error.tooLarge' | 'photo.error.requestTooLarge' | 'wizard.error.badForm'
    }

export async function readWizardForm(request: Request): Promise<WizardForm> {
  const length = Number(request.headers.get('Content-Length') ?? '0')
  if (length > MAX_REQUEST_BYTES) return { ok: false, status: 413, formError: 'photo.error.requestTooLarge' }
  let form: FormData
  try {
    const type = request.headers.get('Content-Type') ?? ''
    form = type.startsWith('multipart/form-data')
      ? await unstable_parseMultipartFormData(
          request,
          unstable_createMemoryUploadHandler({ maxPartSize: MAX_FILE_BYTES }),
        )
      : await request.formData()
  } catch (err) {
    if (err instanceof MaxPartSizeExceededError) {
      return { ok: false, status: 413, formError: 'photo.error.tooLarge' }
    }
    return { ok: false, status: 400, formError: 'wizard.error.badForm' }
  }
  const fields: Record<string, string> = {}
  const files = new Map<string, UploadedFile[]>()
  for (const [name, value] of form) {
    if (typeof value === 'string') {
      fields[name] = value.slice(0, MAX_FIELD_CHARS)
    } else if (value.size > 0 || value.name) {
      const list = files.get(name) ?? []
      list.push({ name: value.name.slice(0, 200), bytes: new Uint8Array(await value.arrayBuffer()) })
      files.set(name, list)
    }
  }
  return { ok: true, fields, files }
}
