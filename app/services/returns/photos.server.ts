// Buyer photos: checked by their bytes, cleaned of location metadata, stored, given a thumbnail and
// recorded against the wizard's draft (or an open case). A file that fails a check is refused with the
// reason and nothing of it is kept; the limits are 10 MB a photo and 5 photos an item.
import { randomUUID } from 'node:crypto'
import type { Kysely } from 'kysely'
import { db, type Database } from '#db/client'
import * as photos from '#db/queries/photos'
import {
  PHOTO_LIMITS,
  PhotoMetadataError,
  checkPhoto,
  getPhotoStore,
  makeThumbnail,
  stripLocationMetadata,
} from '#integrations/storage'

export interface UploadedFile {
  name: string
  bytes: Uint8Array
}

export type PhotoRefusal = {
  file: string
  /** i18n key of the reason. */
  key:
    | 'photo.error.empty'
    | 'photo.error.tooLarge'
    | 'photo.error.notAnImage'
    | 'photo.error.unsupported'
    | 'photo.error.corrupt'
    | 'photo.error.tooMany'
}

const CHECK_KEY = {
  empty: 'photo.error.empty',
  too_large: 'photo.error.tooLarge',
  not_an_image: 'photo.error.notAnImage',
  unsupported_type: 'photo.error.unsupported',
  corrupt: 'photo.error.corrupt',
} as const

const EXTENSION = { jpeg: 'jpg', png: 'png', webp: 'webp', heic: 'heic' } as const
const MIME = { jpeg: 'image/jpeg', png: 'image/png', webp: 'image/webp', heic: 'image/heic' } as const

/**
 * Stores `files` as photos of `lineItemId` (null: of the parcel or case as a whole) for a draft or a case
 * of the order. Returns the ids stored and, per refused file, why. Every file is checked before any is
 * stored, and a batch that would pass `PHOTO_LIMITS.maxPerItem` for the item is refused whole.
 */
export async function storePhotos(input: {
  shopId: string
  orderId: string
  owner: { draftId: string } | { caseId: string }
  lineItemId: string | null
  existingCount: number
  files: readonly UploadedFile[]
  uploadedBy: 'buyer' | 'staff'
  now: Date
  /** The transaction to record the photos in (files are written first; a rollback leaves only files). */
  executor?: Kysely<Database>
}): Promise<{ stored: string[]; refused: PhotoRefusal[] }> {
  const files = input.files.filter((f) => f.bytes.length > 0 || f.name)
  if (files.length === 0) return { stored: [], refused: [] }
  if (input.existingCount + files.length > PHOTO_LIMITS.maxPerItem) {
    return { stored: [], refused: [{ file: files[0]!.name, key: 'photo.error.tooMany' }] }
  }
  const refused: PhotoRefusal[] = []
  const cleaned: { type: keyof typeof EXTENSION; bytes: Uint8Array }[] = []
  for (const f of files) {
    const check = checkPhoto({ bytes: f.bytes, declaredName: f.name })
    if (!check.ok) {
      refused.push({ file: f.name, key: CHECK_KEY[check.code] })
      continue
    }
    try {
      cleaned.push({ type: check.type, bytes: stripLocationMetadata(f.bytes, check.type) })
    } catch (err) {
      if (!(err instanceof PhotoMetadataError)) throw err
      refused.push({ file: f.name, key: 'photo.error.corrupt' })
    }
  }
  if (refused.length) return { stored: [], refused }

  const store = getPhotoStore()
  const stored: string[] = []
  for (const photo of cleaned) {
    const id = randomUUID()
    const key = `${input.shopId}/${id}.${EXTENSION[photo.type]}`
    const thumb = photo.type === 'heic' ? null : await makeThumbnail(photo.bytes)
    const thumbKey = thumb ? `${input.shopId}/${id}-thumb.jpg` : null
    await store.put(key, photo.bytes)
    if (thumb && thumbKey) await store.put(thumbKey, thumb.bytes)
    await photos.insertPhoto(input.executor ?? db, {
      id,
      shopId: input.shopId,
      orderId: input.orderId,
      draftId: 'draftId' in input.owner ? input.owner.draftId : null,
      caseId: 'caseId' in input.owner ? input.owner.caseId : null,
      lineItemId: input.lineItemId,
      contentType: MIME[photo.type],
      bytes: photo.bytes.length,
      storageKey: key,
      thumbKey,
      width: thumb?.width ?? null,
      height: thumb?.height ?? null,
      uploadedBy: input.uploadedBy,
      at: input.now,
    })
    stored.push(id)
  }
  return { stored, refused: [] }
}

/** Removes a photo from an open draft, and its files. False when there was no such photo. */
export async function removeDraftPhoto(input: { shopId: string; draftId: string; photoId: string }) {
  const removed = await photos.deleteDraftPhoto(db, input)
  if (!removed) return false
  const store = getPhotoStore()
  await store.delete(removed.storage_key)
  if (removed.thumb_key) await store.delete(removed.thumb_key)
  return true
}

/** A photo (or its thumbnail) of the buyer's order; null when it is not theirs. */
export async function readBuyerPhoto(input: {
  shopId: string
  orderId: string
  photoId: string
  thumb: boolean
}): Promise<{ bytes: Uint8Array; contentType: string } | null> {
  const row = await photos.findOrderPhoto(db, input)
  return row ? readStored(row, input.thumb) : null
}

/** A photo (or its thumbnail) of the shop, for staff; null when it is not the shop's. */
export async function readStaffPhoto(input: { shopId: string; photoId: string; thumb: boolean }) {
  const row = await photos.findShopPhoto(db, input)
  return row ? readStored(row, input.thumb) : null
}

async function readStored(
  row: { storage_key: string; thumb_key: string | null; content_type: string },
  thumb: boolean,
) {
  const key = thumb && row.thumb_key ? row.thumb_key : row.storage_key
  const bytes = await getPhotoStore().get(key)
  if (!bytes) return null
  return { bytes, contentType: thumb && row.thumb_key ? 'image/jpeg' : row.content_type }
}

export type DraftPhotoFormResult =
  { kind: 'removed' } | { kind: 'stored' } | { kind: 'refused'; field: string; refused: PhotoRefusal[] }

/**
 * The photo part of a wizard page's form, for its draft: a "remove" button removes that photo; otherwise
 * each upload field's files are stored for its line item (null: the report as a whole), counted against
 * what the draft already holds for it. The first refused field stops the rest.
 */
export async function applyDraftPhotoForm(input: {
  shopId: string
  orderId: string
  draftId: string
  intent: string
  uploads: readonly { field: string; lineItemId: string | null; files: readonly UploadedFile[] }[]
  now: Date
}): Promise<DraftPhotoFormResult> {
  const { shopId, orderId, draftId } = input
  if (input.intent.startsWith('remove:')) {
    await removeDraftPhoto({ shopId, draftId, photoId: input.intent.slice(7) })
    return { kind: 'removed' }
  }
  const counts = input.uploads.length ? await photos.countDraftPhotosByItem(db, shopId, draftId) : {}
  for (const u of input.uploads) {
    const stored = await storePhotos({
      shopId,
      orderId,
      owner: { draftId },
      lineItemId: u.lineItemId,
      existingCount: counts[u.lineItemId ?? ''] ?? 0,
      files: u.files,
      uploadedBy: 'buyer',
      now: input.now,
    })
    if (stored.refused.length) return { kind: 'refused', field: u.field, refused: stored.refused }
  }
  return { kind: 'stored' }
}
