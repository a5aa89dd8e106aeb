// The type every language's notice texts must match: the keys of the English ones.
import type { noticesEn } from './notices.en'

export type NoticesMessages = { readonly [K in keyof typeof noticesEn]: string }
