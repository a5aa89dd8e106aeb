// The type every language's case texts must match: the keys of the English ones, plurals where English has them.
import type { casesEn } from './cases.en'

type Plural = { readonly one?: string; readonly few?: string; readonly many?: string; readonly other: string }
export type CasesMessages = {
  readonly [K in keyof typeof casesEn]: (typeof casesEn)[K] extends string ? string : Plural
}
