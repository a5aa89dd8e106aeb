// A Code 128 reader for tests, written from the symbology's table (ISO/IEC 15417), independent of the
// encoder under test: it reads bar and space widths, as measured off a PNG scanline or off the rectangles a
// PDF draws, checks the start code, the check symbol and the stop pattern, and returns the text. A label
// whose barcode this reads is one a scanner reads.

// Bar/space widths of symbol values 0–105, then the stop pattern (106).
const PATTERNS = [
  '212222',
  '222122',
  '222221',
  '121223',
  '121322',
  '131222',
  '122213',
  '122312',
  '132212',
  '221213',
  '221312',
  '231212',
  '112232',
  '122132',
  '122231',
  '113222',
  '123122',
  '123221',
  '223211',
  '221132',
  '221231',
  '213212',
  '223112',
  '312131',
  '311222',
  '321122',
  '321221',
  '312212',
  '322112',
  '322211',
  '212123',
  '212321',
  '232121',
  '111323',
  '131123',
  '131321',
  '112313',
  '132113',
  '132311',
  '211313',
  '231113',
  '231311',
  '112133',
  '112331',
  '132131',
  '113123',
  '113321',
  '133121',
  '313121',
  '211331',
  '231131',
  '213113',
  '213311',
  '213131',
  '311123',
  '311321',
  '331121',
  '312113',
  '312311',
  '332111',
  '314111',
  '221411',
  '431111',
  '111224',
  '111422',
  '121124',
  '121421',
  '141122',
  '141221',
  '112214',
  '112412',
  '122114',
  '122411',
  '142112',
  '142211',
  '241211',
  '221114',
  '413111',
  '241112',
  '134111',
  '111242',
  '121142',
  '121241',
  '114212',
  '124112',
  '124211',
  '411212',
  '421112',
  '421211',
  '212141',
  '214121',
  '412121',
  '111143',
  '111341',
  '131141',
  '114113',
  '114311',
  '411113',
  '411311',
  '113141',
  '114131',
  '311141',
  '411131',
  '211412',
  '211214',
  '211232',
]
const STOP = '2331112'
const VALUE_OF = new Map(PATTERNS.map((p, v) => [p, v]))

/**
 * Decodes bar/space widths (any unit; the first bar first, quiet zones removed) into the encoded text.
 * Throws when the widths are not a valid Code 128 symbol.
 */
export function decodeCode128(widths: readonly number[]): string {
  if (widths.length < 6 + 6 + 7 || (widths.length - 7) % 6 !== 0) {
    throw new Error(`Not a Code 128 length: ${widths.length} elements`)
  }
  // Every symbol is 11 modules wide: the start symbol gives the module width.
  const unit = widths.slice(0, 6).reduce((a, b) => a + b, 0) / 11
  const modules = widths.map((w) => Math.round(w / unit))
  if (modules.some((m) => m < 1 || m > 4)) throw new Error(`Widths out of range: ${modules.join(',')}`)
  if (modules.slice(-7).join('') !== STOP) throw new Error('No stop pattern')
  const values: number[] = []
  for (let i = 0; i < modules.length - 7; i += 6) {
    const p = modules.slice(i, i + 6).join('')
    const v = VALUE_OF.get(p)
    if (v === undefined) throw new Error(`Unknown symbol ${p} at element ${i}`)
    const sum = modules.slice(i, i + 6).reduce((a, b) => a + b, 0)
    if (sum !== 11) throw new Error(`Symbol ${p} is ${sum} modules wide`)
    values.push(v)
  }
  const [start, ...rest] = values
  const check = rest.pop()
  if (start === undefined || check === undefined || start < 103) throw new Error('No start symbol')
  const expected = (start + rest.reduce((s, v, i) => s + v * (i + 1), 0)) % 103
  if (expected !== check) throw new Error(`Check symbol ${check}, expected ${expected}`)

  let set: 'A' | 'B' | 'C' = start === 103 ? 'A' : start === 104 ? 'B' : 'C'
  let text = ''
  for (let i = 0; i < rest.length; i++) {
    const v = rest[i]!
    if (set === 'C') {
      if (v < 100) text += String(v).padStart(2, '0')
      else if (v === 100) set = 'B'
      else if (v === 101) set = 'A'
      else throw new Error(`Unsupported code C value ${v}`)
      continue
    }
    if (v === 99) set = 'C'
    else if (v === 100 && set === 'A') set = 'B'
    else if (v === 101 && set === 'B') set = 'A'
    else if (v >= 96) throw new Error(`Unsupported function value ${v} in code ${set}`)
    else if (set === 'B') text += String.fromCharCode(v + 32)
    else text += String.fromCharCode(v < 64 ? v + 32 : v - 64)
  }
  return text
}

/** Run lengths of dark pixels and light gaps along one row of a greyscale image, first dark run first. */
export function scanlineWidths(row: Uint8Array | Buffer): number[] {
  const dark = (v: number) => v < 128
  let i = 0
  while (i < row.length && !dark(row[i]!)) i++
  let end = row.length - 1
  while (end > i && !dark(row[end]!)) end--
  const widths: number[] = []
  let current = true
  let run = 0
  for (let x = i; x <= end; x++) {
    if (dark(row[x]!) === current) run++
    else {
      widths.push(run)
      current = !current
      run = 1
    }
  }
  widths.push(run)
  return widths
}
