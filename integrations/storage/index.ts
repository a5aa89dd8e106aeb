import path from 'node:path'
import { getEnv } from '#app/env.server'
import { createLocalDiskStore } from './local-disk'
import type { PhotoStore } from './storage'

export type { PhotoStore } from './storage'
export { checkPhoto, stripLocationMetadata, PHOTO_LIMITS, PhotoMetadataError } from './photo-intake'
export type { PhotoType } from './photo-intake'
export { makeThumbnail } from './thumbnail'
export { prepareLogo, LOGO_LIMITS } from './logo'
export type { PreparedLogo, PreparedLogoResult } from './logo'

let store: PhotoStore | undefined

/** The photo store for this process: local disk under DATA_DIR/uploads. */
export function getPhotoStore(): PhotoStore {
  return (store ??= createLocalDiskStore(path.resolve(getEnv().DATA_DIR, 'uploads')))
}
