// Where buyer photos live. Keys are opaque paths chosen by us (`<shop>/<uuid>.jpg`), never file names a
// buyer sent. Local disk is the default; an S3-compatible store fits the same interface for scale.
export interface PhotoStore {
  put(key: string, bytes: Uint8Array): Promise<void>
  /** The stored bytes, or null when there is no such key. */
  get(key: string): Promise<Uint8Array | null>
  delete(key: string): Promise<void>
}

/** Keys are ours: lowercase hex, dashes, one slash and an extension. Anything else is refused. */
export const STORAGE_KEY = /^[0-9a-f-]{36}\/[0-9a-f-]{36}(-thumb)?\.(jpg|png|webp|heic)$/
