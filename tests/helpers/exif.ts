// Byte builders for image tests: EXIF (TIFF) blocks with a GPS position, and the small helpers they use.
// Shared by the photo-intake unit tests and the e2e check that real decoders still open cleaned photos.

export const ascii = (text: string): Uint8Array => Uint8Array.from(text, (c) => c.charCodeAt(0))
export const bytes = (...values: number[]): Uint8Array => Uint8Array.from(values)

export function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0))
  let at = 0
  for (const part of parts) {
    out.set(part, at)
    at += part.length
  }
  return out
}

export function u16(value: number, little = false): Uint8Array {
  const out = new Uint8Array(2)
  new DataView(out.buffer).setUint16(0, value, little)
  return out
}

export function u32(value: number, little = false): Uint8Array {
  const out = new Uint8Array(4)
  new DataView(out.buffer).setUint32(0, value, little)
  return out
}

export function u64(value: number): Uint8Array {
  const out = new Uint8Array(8)
  new DataView(out.buffer).setBigUint64(0, BigInt(value))
  return out
}

export function uint(value: number, size: number): Uint8Array {
  return size === 0 ? new Uint8Array(0) : size === 4 ? u32(value) : u64(value)
}

/** Runs `fn` and proves it left its input exactly as it found it. */

/** An EXIF (TIFF) block with a GPS position, in either byte order, optionally with an orientation. */
export function tiffWithGps(
  position: { latitude: number; longitude: number },
  { little = false, orientation }: { little?: boolean; orientation?: number } = {},
): Uint8Array {
  const rationals = (degrees: number): number[][] => {
    const abs = Math.abs(degrees)
    const d = Math.floor(abs)
    const m = Math.floor((abs - d) * 60)
    const hundredthsOfSeconds = Math.round(((abs - d) * 60 - m) * 60 * 100)
    return [
      [d, 1],
      [m, 1],
      [hundredthsOfSeconds, 100],
    ]
  }
  const entry = (tag: number, type: number, count: number, value: Uint8Array): Uint8Array =>
    concat(u16(tag, little), u16(type, little), u32(count, little), value)
  const inline = (...values: number[]): Uint8Array =>
    concat(bytes(...values), new Uint8Array(4 - values.length))
  const ifd0Entries = orientation === undefined ? 1 : 2
  const gpsAt = 8 + 2 + ifd0Entries * 12 + 4
  const latitudeAt = gpsAt + 2 + 4 * 12 + 4
  const longitudeAt = latitudeAt + 24
  const ifd0 = concat(
    u16(ifd0Entries, little),
    ...(orientation === undefined
      ? []
      : [entry(0x0112, 3, 1, concat(u16(orientation, little), bytes(0, 0)))]),
    entry(0x8825, 4, 1, u32(gpsAt, little)),
    u32(0, little),
  )
  const gps = concat(
    u16(4, little),
    entry(0x0001, 2, 2, inline(position.latitude < 0 ? 0x53 : 0x4e, 0)),
    entry(0x0002, 5, 3, u32(latitudeAt, little)),
    entry(0x0003, 2, 2, inline(position.longitude < 0 ? 0x57 : 0x45, 0)),
    entry(0x0004, 5, 3, u32(longitudeAt, little)),
    u32(0, little),
  )
  const values = [...rationals(position.latitude), ...rationals(position.longitude)].flatMap(([n, d]) => [
    u32(n ?? 0, little),
    u32(d ?? 1, little),
  ])
  const header = little
    ? bytes(0x49, 0x49, 0x2a, 0x00, 8, 0, 0, 0)
    : bytes(0x4d, 0x4d, 0x00, 0x2a, 0, 0, 0, 8)
  return concat(header, ifd0, gps, ...values)
}
