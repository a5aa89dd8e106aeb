// Responses whose body is already in memory: a page's HTML, a loader's data. Node's Fetch Response wraps
// every body in a web ReadableStream, and on Node 20 and 22 each stream costs tens of microseconds to
// make and survives young-generation GCs (they hold weak native handles), so three of them per page (two
// loaders and the HTML) made scavenges slow and frequent. A BufferedResponse keeps its content as it is:
// the router reads a loader's data without JSON.stringify and JSON.parse (see app/patches), and
// app/http/remix-handler.server.ts writes the bytes straight to the socket. Anything else that reads it
// through text(), json() or arrayBuffer() gets the same content.

/** The key the patched router looks for (a registered symbol, so no import is needed there). */
export const BUFFERED = Symbol.for('homebound.buffered-response')

type Content = { text: string } | { data: unknown }

export class BufferedResponse extends Response {
  readonly [BUFFERED]: Content

  constructor(content: Content, init?: ResponseInit) {
    super(null, init)
    this[BUFFERED] = content
  }

  /** The body as text: the HTML, or the data as JSON. */
  bodyText(): string {
    return bufferedContent(this)!
  }

  override text(): Promise<string> {
    return Promise.resolve(this.bodyText())
  }

  /** The data itself for loader data (it is JSON already: see bufferedJson), else the text parsed. */
  override json(): Promise<unknown> {
    const content = this[BUFFERED]
    return Promise.resolve('data' in content ? content.data : JSON.parse(content.text))
  }

  override arrayBuffer(): Promise<ArrayBuffer> {
    const bytes = new TextEncoder().encode(this.bodyText())
    return Promise.resolve(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength))
  }

  override clone(): BufferedResponse {
    return new BufferedResponse(this[BUFFERED], {
      status: this.status,
      statusText: this.statusText,
      headers: new Headers(this.headers),
    })
  }
}

/**
 * The body of a BufferedResponse as text, or undefined for any other Response. By the symbol, not by
 * instanceof: the Remix build bundles its own copy of this module, so its pages are instances of another
 * class than the one server.ts imports.
 */
export function bufferedContent(response: Response): string | undefined {
  const content = (response as Partial<Pick<BufferedResponse, typeof BUFFERED>>)[BUFFERED]
  if (content === undefined) return undefined
  return 'text' in content ? content.text : JSON.stringify(content.data)
}

/**
 * A loader's JSON answer, like Remix's json(), without the round trip through text: the page reads the
 * very object the loader built. That is only the same as JSON when the object is JSON already (strings,
 * numbers, booleans, null, arrays and plain objects), which is checked outside production so a Date or a
 * Map slipping in fails the tests instead of reaching a page in another shape.
 */
export function bufferedJson<T>(data: T, init?: ResponseInit): BufferedResponse & { json(): Promise<T> } {
  if (process.env.NODE_ENV !== 'production') assertPlainJson(data, '$')
  const headers = new Headers(init?.headers)
  if (!headers.has('Content-Type')) headers.set('Content-Type', 'application/json; charset=utf-8')
  return new BufferedResponse({ data }, { ...init, headers }) as BufferedResponse & {
    json(): Promise<T>
  }
}

export function assertPlainJson(value: unknown, path: string): void {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError(`${path} is ${value}, which JSON cannot hold`)
    return
  }
  if (Array.isArray(value)) {
    value.forEach((item, i) => assertPlainJson(item, `${path}[${i}]`))
    return
  }
  if (typeof value === 'object') {
    const proto = Object.getPrototypeOf(value)
    if (proto !== Object.prototype && proto !== null) {
      throw new TypeError(`${path} is a ${value.constructor?.name ?? 'non-plain object'}, not plain JSON`)
    }
    for (const [key, item] of Object.entries(value)) {
      // JSON drops undefined properties; the page would see them missing, which is the same thing.
      if (item !== undefined) assertPlainJson(item, `${path}.${key}`)
    }
    return
  }
  throw new TypeError(`${path} is a ${typeof value}, not plain JSON`)
}
