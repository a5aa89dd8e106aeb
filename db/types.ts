// JSON shapes stored in jsonb columns. Referenced from the generated db/schema.ts.
export interface ShippingAddress {
  name: string
  line1: string
  line2?: string | null
  city: string
  region?: string | null
  postalCode: string
  countryCode: string
  phone?: string | null
}
