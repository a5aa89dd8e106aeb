// How buyers type what identifies their order. Order numbers are shown as "#1001"; buyers type them with
// or without the hash and with stray spaces. Postal codes are compared without spaces, dashes or case,
// so "sw1a 1aa", "SW1A1AA" and "00-950" / "00950" match what the shop stored.

export function parseOrderNumber(input: string): number | null {
  const m = /^#?\s*(\d{1,9})$/.exec(input.trim())
  if (!m) return null
  const n = Number(m[1])
  return n > 0 ? n : null
}

export function formatOrderNumber(n: number): string {
  return `#${n}`
}

export function normalizePostalCode(input: string): string {
  return input.toUpperCase().replace(/[\s-]+/g, '')
}

export function normalizeEmail(input: string): string {
  return input.trim().toLowerCase()
}
