// Reading back the label PDFs in tests: pdf-lib parses the file (so it is a well-formed PDF), and the
// page's content streams are inflated to see what is drawn: the text shown (`<hex> Tj`, `(text) Tj`) and
// the filled rectangles (pdf-lib's drawRectangle is a move to its corner and a closed, filled path; the
// label's barcode and QR code are `x y w h re` operators filled at once).
import { PDFArray, PDFDocument, PDFRawStream, PDFRef, decodePDFRawStream } from 'pdf-lib'

export interface PdfRect {
  x: number
  y: number
  width: number
  height: number
}

export interface PdfPageContent {
  width: number
  height: number
  texts: string[]
  rects: PdfRect[]
  images: number
}

export async function readPdf(bytes: Uint8Array): Promise<{ pages: PdfPageContent[]; title?: string }> {
  const doc = await PDFDocument.load(bytes)
  const pages = doc.getPages().map((page) => {
    const contents = page.node.Contents()
    const parts = contents instanceof PDFArray ? contents.asArray() : contents ? [contents] : []
    let ops = ''
    for (const part of parts) {
      const stream = part instanceof PDFRef ? doc.context.lookup(part) : part
      if (stream instanceof PDFRawStream) {
        ops += Buffer.from(decodePDFRawStream(stream).decode()).toString('latin1') + '\n'
      }
    }
    const texts: string[] = []
    for (const m of ops.matchAll(/<([0-9A-Fa-f]*)>\s*Tj/g))
      texts.push(Buffer.from(m[1]!, 'hex').toString('latin1'))
    for (const m of ops.matchAll(/\(((?:\\.|[^\\)])*)\)\s*Tj/g)) texts.push(m[1]!.replace(/\\(.)/g, '$1'))
    const rects: PdfRect[] = []
    const rectRe =
      /1 0 0 1 (-?[\d.]+) (-?[\d.]+) cm\s+(?:1 0 0 1 0 0 cm\s+)*0 0 m\s+0 (-?[\d.]+) l\s+(-?[\d.]+) -?[\d.]+ l\s+-?[\d.]+ 0 l\s+h\s+f/g
    for (const m of ops.matchAll(rectRe)) {
      rects.push({ x: Number(m[1]), y: Number(m[2]), height: Number(m[3]), width: Number(m[4]) })
    }
    for (const m of ops.matchAll(/(-?[\d.]+) (-?[\d.]+) (-?[\d.]+) (-?[\d.]+) re/g)) {
      rects.push({ x: Number(m[1]), y: Number(m[2]), width: Number(m[3]), height: Number(m[4]) })
    }
    const images = (ops.match(/\/[\w-]+ Do/g) ?? []).length
    const { width, height } = page.getSize()
    return { width, height, texts, rects, images }
  })
  return { pages, title: doc.getTitle() }
}

/**
 * The widths of bars and gaps of the barcode drawn as rectangles of one height (the tallest row of
 * equal-height rectangles on the page), left to right.
 */
export function barcodeWidths(rects: readonly PdfRect[], height: number): number[] {
  const bars = rects.filter((r) => Math.abs(r.height - height) < 0.01).sort((a, b) => a.x - b.x)
  const widths: number[] = []
  bars.forEach((bar, i) => {
    if (i > 0) {
      const prev = bars[i - 1]!
      widths.push(bar.x - (prev.x + prev.width))
    }
    widths.push(bar.width)
  })
  return widths
}

/**
 * The QR code drawn as runs of square modules of side `unit` (the rectangles of that height), read back
 * as rows of modules, true for dark: row 0 is the top one.
 */
export function qrModulesFromRects(rects: readonly PdfRect[], unit: number): boolean[][] {
  const runs = rects.filter((r) => Math.abs(r.height - unit) < 0.01)
  const left = Math.min(...runs.map((r) => r.x))
  const top = Math.max(...runs.map((r) => r.y))
  const size = Math.round((Math.max(...runs.map((r) => r.x + r.width)) - left) / unit)
  const rows = Math.round((top - Math.min(...runs.map((r) => r.y))) / unit) + 1
  const grid = Array.from({ length: rows }, () => Array.from({ length: size }, () => false))
  for (const r of runs) {
    const row = Math.round((top - r.y) / unit)
    const from = Math.round((r.x - left) / unit)
    for (let c = from; c < from + Math.round(r.width / unit); c++) grid[row]![c] = true
  }
  return grid
}
