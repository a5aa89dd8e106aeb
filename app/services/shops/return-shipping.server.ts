// Settings → Return shipping (admin): the address every return label is sent to and the carriers labels
// may come from (none ticked: any carrier). The address is checked with the rules carriers apply first
// (see returnAddressIssues), so a label is never refused for an address the merchant could have fixed
// here; a refused save writes nothing.
import { returnAddressIssues, type PostalAddress } from '#app/domain/labels/return-address'
import { CARRIER_CODES, isCarrierCode } from '#app/domain/tracking/carriers'
import { db } from '#db/client'
import { findReturnShipping, updateReturnShipping } from '#db/queries/shops'

export const ADDRESS_FIELDS = [
  'name',
  'line1',
  'line2',
  'city',
  'region',
  'postalCode',
  'countryCode',
  'phone',
] as const
export type AddressField = (typeof ADDRESS_FIELDS)[number]

export interface ReturnShippingValues {
  address: Record<AddressField, string>
  carriers: string[]
}

const MAX_FIELD = 120

export async function getReturnShipping(shopId: string): Promise<ReturnShippingValues | null> {
  const row = await findReturnShipping(db, shopId)
  if (!row) return null
  const a = (row.return_address ?? {}) as Partial<Record<AddressField, string | null>>
  return {
    address: Object.fromEntries(ADDRESS_FIELDS.map((f) => [f, a[f] ?? ''])) as Record<AddressField, string>,
    carriers: row.label_carriers.filter(isCarrierCode),
  }
}

export type SaveReturnShippingResult =
  { ok: true } | { ok: false; status: 422; values: ReturnShippingValues; fieldErrors: Record<string, string> }

export async function saveReturnShipping(input: {
  shopId: string
  form: Record<string, string | string[]>
  now: Date
}): Promise<SaveReturnShippingResult> {
  const str = (k: string) => {
    const v = input.form[k]
    return (Array.isArray(v) ? (v[0] ?? '') : (v ?? '')).trim()
  }
  const address = Object.fromEntries(ADDRESS_FIELDS.map((f) => [f, str(f)])) as Record<AddressField, string>
  address.countryCode = address.countryCode.toUpperCase()
  const picked = input.form.carriers
  const carriers = (Array.isArray(picked) ? picked : picked ? [picked] : []).map((c) => c.trim())
  const values = { address, carriers }
  const fieldErrors: Record<string, string> = {}
  for (const f of ADDRESS_FIELDS) {
    if (address[f].length > MAX_FIELD) fieldErrors[f] = `Keep this under ${MAX_FIELD} characters.`
  }
  const unknown = carriers.filter((c) => !isCarrierCode(c))
  if (unknown.length) fieldErrors.carriers = `Not a carrier we can track: ${unknown.join(', ')}.`
  const postal: PostalAddress = {
    name: address.name,
    line1: address.line1,
    line2: address.line2 || null,
    city: address.city,
    region: address.region || null,
    postalCode: address.postalCode,
    countryCode: address.countryCode,
    phone: address.phone || null,
  }
  for (const issue of returnAddressIssues(postal)) fieldErrors[issue.field] ??= issue.message
  if (Object.keys(fieldErrors).length) return { ok: false, status: 422, values, fieldErrors }
  await updateReturnShipping(db, input.shopId, {
    returnAddress: postal,
    // Stored in the product's carrier order, so the page and the label choice read the same list.
    labelCarriers: CARRIER_CODES.filter((c) => carriers.includes(c)),
    at: input.now,
  })
  return { ok: true }
}
