// A real SMTP server on 127.0.0.1 for mail tests: it keeps every message it accepted (parsed with
// mailparser) and can be stopped and started again on the same port, like a mail server going down.
import { createServer, type AddressInfo } from 'node:net'
import { simpleParser, type ParsedMail } from 'mailparser'
import { SMTPServer } from 'smtp-server'

export interface TestSmtp {
  port: number
  url: string
  received: ParsedMail[]
  /** Stop listening after this many more messages (the last one is still accepted). */
  stopAfter(n: number): void
  stop(): Promise<void>
  start(): Promise<void>
}

export async function freePort(): Promise<number> {
  const probe = createServer()
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve))
  const { port } = probe.address() as AddressInfo
  await new Promise<void>((resolve) => probe.close(() => resolve()))
  return port
}

export async function startSmtp(): Promise<TestSmtp> {
  const port = await freePort()
  const received: ParsedMail[] = []
  let server: SMTPServer | null = null
  let remaining = Infinity

  const make = () =>
    new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      closeTimeout: 1000,
      onData(stream, _session, callback) {
        // keepCidLinks: the HTML as it arrived (mailparser would otherwise inline cid: parts as data: URLs).
        simpleParser(stream, { keepCidLinks: true })
          .then((mail) => {
            received.push(mail)
            callback()
            if (--remaining === 0) void handle.stop()
          })
          .catch(callback)
      },
    })

  const handle: TestSmtp = {
    port,
    url: `smtp://127.0.0.1:${port}`,
    received,
    stopAfter(n) {
      remaining = n
    },
    async stop() {
      const s = server
      server = null
      remaining = Infinity
      if (s) await new Promise<void>((resolve) => s.close(() => resolve()))
    },
    async start() {
      const s = make()
      await new Promise<void>((resolve, reject) => {
        s.once('error', reject)
        s.listen(port, '127.0.0.1', () => resolve())
      })
      server = s
    },
  }
  await handle.start()
  return handle
}
