// The demo shop's products and customers. Prices are in US cents and converted per order currency.
import type { CarrierCode } from '#app/domain/tracking/carriers'
import type { ShippingAddress } from '#db/types'

export interface Product {
  sku: string
  title: string
  variant: string
  type: 'apparel' | 'footwear' | 'bags' | 'accessories' | 'home' | 'outerwear'
  tags: string[]
  priceUsdCents: number
}

export const PRODUCTS: Product[] = [
  {
    sku: 'BB-MER-OAT-M',
    title: 'Merino Crew Sweater',
    variant: 'Oatmeal / M',
    type: 'apparel',
    tags: ['wool', 'core'],
    priceUsdCents: 8900,
  },
  {
    sku: 'BB-TRN-SLT-42',
    title: 'Trail Runner Shoes',
    variant: 'Slate / 42',
    type: 'footwear',
    tags: ['shoes'],
    priceUsdCents: 12900,
  },
  {
    sku: 'BB-WKD-OLV',
    title: 'Canvas Weekender Bag',
    variant: 'Olive',
    type: 'bags',
    tags: ['bags'],
    priceUsdCents: 14500,
  },
  {
    sku: 'BB-TEE-WHT-L',
    title: 'Organic Cotton Tee',
    variant: 'White / L',
    type: 'apparel',
    tags: ['cotton', 'core'],
    priceUsdCents: 2900,
  },
  {
    sku: 'BB-BEA-RST',
    title: 'Wool Beanie',
    variant: 'Rust',
    type: 'accessories',
    tags: ['final-sale', 'wool'],
    priceUsdCents: 3400,
  },
  {
    sku: 'BB-MUG-SGE',
    title: 'Enamel Camp Mug',
    variant: 'Sage',
    type: 'home',
    tags: ['camp'],
    priceUsdCents: 1800,
  },
  {
    sku: 'BB-VST-BLK-S',
    title: 'Down Puffer Vest',
    variant: 'Black / S',
    type: 'outerwear',
    tags: ['down'],
    priceUsdCents: 15900,
  },
  {
    sku: 'BB-LIN-SKY-M',
    title: 'Linen Shirt',
    variant: 'Sky / M',
    type: 'apparel',
    tags: ['sale', 'linen'],
    priceUsdCents: 6900,
  },
  {
    sku: 'BB-WAL-TAN',
    title: 'Leather Card Wallet',
    variant: 'Tan',
    type: 'accessories',
    tags: ['leather'],
    priceUsdCents: 4900,
  },
  {
    sku: 'BB-RSH-NVY-L',
    title: 'Rain Shell Jacket',
    variant: 'Navy / L',
    type: 'outerwear',
    tags: ['waterproof'],
    priceUsdCents: 18900,
  },
  {
    sku: 'BB-SOK-GRY-M',
    title: 'Hiking Socks 3-Pack',
    variant: 'Grey / M',
    type: 'accessories',
    tags: ['final-sale', 'hygiene'],
    priceUsdCents: 2400,
  },
  {
    sku: 'BB-BTL-FOR',
    title: 'Insulated Bottle 750 ml',
    variant: 'Forest',
    type: 'home',
    tags: ['camp'],
    priceUsdCents: 3200,
  },
]

export const productBySku = new Map(PRODUCTS.map((p) => [p.sku, p]))

/** One variant of a demo product: its title, its price against the product's, and the units in stock. */
export interface VariantSpec {
  title: string
  /** Added to the product's US price (so some sizes cost more or less). */
  deltaUsdCents: number
  stock: number
}

/**
 * The variants the demo sells of each product (the one in the orders among them), so exchanges have
 * sizes and colours to offer: some dearer, some cheaper, some out of stock. Keyed by the product's SKU.
 */
export const VARIANTS: Record<string, VariantSpec[]> = {
  'BB-MER-OAT-M': [
    { title: 'Oatmeal / S', deltaUsdCents: 0, stock: 6 },
    { title: 'Oatmeal / M', deltaUsdCents: 0, stock: 8 },
    { title: 'Oatmeal / L', deltaUsdCents: 0, stock: 5 },
    { title: 'Oatmeal / XL', deltaUsdCents: 1000, stock: 3 },
    { title: 'Charcoal / M', deltaUsdCents: 0, stock: 0 },
  ],
  'BB-TRN-SLT-42': [
    { title: 'Slate / 41', deltaUsdCents: 0, stock: 4 },
    { title: 'Slate / 42', deltaUsdCents: 0, stock: 4 },
    { title: 'Slate / 43', deltaUsdCents: 0, stock: 2 },
    { title: 'Slate / 44', deltaUsdCents: 0, stock: 0 },
  ],
  'BB-WKD-OLV': [
    { title: 'Olive', deltaUsdCents: 0, stock: 3 },
    { title: 'Navy', deltaUsdCents: 0, stock: 2 },
    { title: 'Black', deltaUsdCents: 1500, stock: 0 },
  ],
  'BB-TEE-WHT-L': [
    { title: 'White / S', deltaUsdCents: 0, stock: 12 },
    { title: 'White / M', deltaUsdCents: 0, stock: 10 },
    { title: 'White / L', deltaUsdCents: 0, stock: 9 },
    { title: 'White / XL', deltaUsdCents: 0, stock: 0 },
    { title: 'Black / L', deltaUsdCents: 400, stock: 7 },
  ],
  'BB-BEA-RST': [
    { title: 'Rust', deltaUsdCents: 0, stock: 5 },
    { title: 'Charcoal', deltaUsdCents: 0, stock: 5 },
  ],
  'BB-MUG-SGE': [
    { title: 'Sage', deltaUsdCents: 0, stock: 20 },
    { title: 'Cream', deltaUsdCents: -200, stock: 15 },
  ],
  'BB-VST-BLK-S': [
    { title: 'Black / S', deltaUsdCents: 0, stock: 2 },
    { title: 'Black / M', deltaUsdCents: 0, stock: 3 },
    { title: 'Black / L', deltaUsdCents: 0, stock: 1 },
  ],
  'BB-LIN-SKY-M': [
    { title: 'Sky / S', deltaUsdCents: 0, stock: 4 },
    { title: 'Sky / M', deltaUsdCents: 0, stock: 4 },
    { title: 'Sky / L', deltaUsdCents: 0, stock: 0 },
    { title: 'White / M', deltaUsdCents: -1000, stock: 6 },
  ],
  'BB-WAL-TAN': [
    { title: 'Tan', deltaUsdCents: 0, stock: 8 },
    { title: 'Black', deltaUsdCents: 0, stock: 8 },
  ],
  'BB-RSH-NVY-L': [
    { title: 'Navy / M', deltaUsdCents: 0, stock: 3 },
    { title: 'Navy / L', deltaUsdCents: 0, stock: 3 },
    { title: 'Navy / XL', deltaUsdCents: 2000, stock: 2 },
  ],
  'BB-SOK-GRY-M': [
    { title: 'Grey / S', deltaUsdCents: 0, stock: 10 },
    { title: 'Grey / M', deltaUsdCents: 0, stock: 10 },
    { title: 'Grey / L', deltaUsdCents: 0, stock: 10 },
  ],
  'BB-BTL-FOR': [
    { title: 'Forest', deltaUsdCents: 0, stock: 9 },
    { title: 'Sand', deltaUsdCents: 300, stock: 9 },
  ],
}

/** The product a SKU belongs to, as its variants share it: 'BB-MER-OAT-M' → 'merino-crew-sweater'. */
export function productKeyOf(p: Product): string {
  return p.title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
}

export interface Customer {
  name: string
  email: string
  locale: 'en' | 'ru' | 'pl'
  timezone: string
  address: ShippingAddress
  currency: string
  carriers: CarrierCode[]
  taxesIncluded: boolean
  /** Tax rate in percent: added on top (US/CA) or included in the price (VAT countries). */
  taxRate: number
}

const us = (
  name: string,
  email: string,
  city: string,
  region: string,
  postalCode: string,
  timezone: string,
): Customer => ({
  name,
  email,
  locale: 'en',
  timezone,
  address: { name, line1: '120 Market Street', city, region, postalCode, countryCode: 'US' },
  currency: 'USD',
  carriers: ['ups', 'usps', 'fedex'],
  taxesIncluded: false,
  taxRate: 8,
})

export const CUSTOMERS: Customer[] = [
  us('Ava Thompson', 'ava@example.com', 'Portland', 'OR', '97205', 'America/Los_Angeles'),
  us('Ben Carter', 'ben@example.com', 'Austin', 'TX', '78701', 'America/Chicago'),
  {
    name: 'Cara Mitchell',
    email: 'cara@example.com',
    locale: 'en',
    timezone: 'Europe/London',
    address: {
      name: 'Cara Mitchell',
      line1: '10 Whitehall Place',
      city: 'London',
      postalCode: 'SW1A 2BD',
      countryCode: 'GB',
    },
    currency: 'GBP',
    carriers: ['royal_mail', 'dpd'],
    taxesIncluded: true,
    taxRate: 20,
  },
  {
    name: 'Dan Brooks',
    email: 'dan@example.com',
    locale: 'en',
    timezone: 'America/Toronto',
    address: {
      name: 'Dan Brooks',
      line1: '255 King Street W',
      city: 'Toronto',
      region: 'ON',
      postalCode: 'M5V 3M2',
      countryCode: 'CA',
    },
    currency: 'CAD',
    carriers: ['canada_post', 'ups'],
    taxesIncluded: false,
    taxRate: 13,
  },
  us('Grace Lee', 'grace.lee@example.com', 'Seattle', 'WA', '98101', 'America/Los_Angeles'),
  us('Henry Adams', 'henry.adams@example.com', 'Boston', 'MA', '02108', 'America/New_York'),
  {
    name: 'Liam O’Brien',
    email: 'liam.obrien@example.com',
    locale: 'en',
    timezone: 'Europe/Dublin',
    address: {
      name: 'Liam O’Brien',
      line1: '7 Grafton Street',
      city: 'Dublin',
      postalCode: 'D02 X285',
      countryCode: 'IE',
    },
    currency: 'EUR',
    carriers: ['dpd', 'gls', 'dhl_express'],
    taxesIncluded: true,
    taxRate: 23,
  },
  {
    name: 'Emma Wilson',
    email: 'emma.wilson@example.com',
    locale: 'en',
    timezone: 'Europe/London',
    address: {
      name: 'Emma Wilson',
      line1: '22 Deansgate',
      city: 'Manchester',
      postalCode: 'M3 4LY',
      countryCode: 'GB',
    },
    currency: 'GBP',
    carriers: ['royal_mail', 'dpd'],
    taxesIncluded: true,
    taxRate: 20,
  },
  ...(
    [
      ['Анна Иванова', 'anna.ivanova@example.com', 'Moskva', '101000', 'Europe/Moscow', 'ul. Tverskaya, 12'],
      [
        'Дмитрий Смирнов',
        'dmitry.smirnov@example.com',
        'Sankt-Peterburg',
        '190000',
        'Europe/Moscow',
        'Nevsky pr., 28',
      ],
      [
        'Ольга Кузнецова',
        'olga.kuznetsova@example.com',
        'Novosibirsk',
        '630099',
        'Asia/Novosibirsk',
        'Krasny pr., 5',
      ],
      [
        'Сергей Попов',
        'sergey.popov@example.com',
        'Yekaterinburg',
        '620014',
        'Asia/Yekaterinburg',
        'ul. Lenina, 24',
      ],
    ] as const
  ).map(([name, email, city, postalCode, timezone, line1]): Customer => ({
    name,
    email,
    locale: 'ru',
    timezone,
    address: { name, line1, city, postalCode, countryCode: 'RU' },
    currency: 'RUB',
    carriers: ['russian_post', 'cdek'],
    taxesIncluded: true,
    taxRate: 20,
  })),
  ...(
    [
      ['Zofia Nowak', 'zofia.nowak@example.com', 'Warszawa', '00-950', 'ul. Marszałkowska 10'],
      ['Jakub Kowalski', 'jakub.kowalski@example.com', 'Kraków', '31-042', 'Rynek Główny 1'],
      ['Maja Wiśniewska', 'maja.wisniewska@example.com', 'Gdańsk', '80-831', 'ul. Długa 45'],
      ['Piotr Wójcik', 'piotr.wojcik@example.com', 'Wrocław', '50-077', 'ul. Świdnicka 8'],
      ['Katarzyna Lewandowska', 'katarzyna.lewandowska@example.com', 'Poznań', '61-772', 'Stary Rynek 3'],
    ] as const
  ).map(([name, email, city, postalCode, line1]): Customer => ({
    name,
    email,
    locale: 'pl',
    timezone: 'Europe/Warsaw',
    address: { name, line1, city, postalCode, countryCode: 'PL' },
    currency: 'PLN',
    carriers: ['inpost', 'poczta_polska', 'dpd'],
    taxesIncluded: true,
    taxRate: 23,
  })),
]

export const customerByEmail = new Map(CUSTOMERS.map((c) => [c.email, c]))

const RATE: Record<string, { perUsd: number; round: number }> = {
  USD: { perUsd: 1, round: 100 },
  CAD: { perUsd: 1.37, round: 100 },
  EUR: { perUsd: 0.92, round: 100 },
  GBP: { perUsd: 0.79, round: 100 },
  PLN: { perUsd: 3.95, round: 100 },
  RUB: { perUsd: 92, round: 10000 },
}

/** A shelf price in the order currency: converted, then rounded to a .99-style price. */
export function localPrice(usdCents: number, currency: string): number {
  const r = RATE[currency]
  if (!r) throw new Error(`No demo exchange rate for ${currency}`)
  const raw = usdCents * r.perUsd
  return Math.max(r.round, Math.round(raw / r.round) * r.round) - (r.round === 100 ? 1 : 0)
}
