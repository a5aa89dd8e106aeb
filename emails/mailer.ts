// How mail leaves: nodemailer over SMTP when SMTP_URL is set, else a capture transport that sends
// nothing (the outbox row keeps what would have been sent, for /admin/outbox). The caller passes the
// Message-ID, so a message resent after a crash carries the same id as the first attempt.
import nodemailer, { type Transporter } from 'nodemailer'

export const DEFAULT_MAIL_FROM = 'Homebound <no-reply@homebound.local>'

export interface OutgoingMail {
  /** `<id@host>` form. */
  messageId: string
  from: { name: string; address: string }
  replyTo: string | null
  to: string
  subject: string
  html: string
  text: string
  headers: Record<string, string>
  /** Images the HTML shows by `cid:` (the shop's logo), sent inside the message. */
  inlineImages?: InlineImage[]
}

export interface InlineImage {
  cid: string
  filename: string
  contentType: string
  content: Uint8Array
}

export interface Mailer {
  transport: 'smtp' | 'capture'
  send(mail: OutgoingMail): Promise<{ messageId: string }>
  close(): void
}

/** "Name <addr>" or "addr" → parts; what MAIL_FROM accepts. */
export function parseAddress(value: string): { name: string; address: string } {
  const m = /^\s*(.*?)\s*<([^<>\s]+@[^<>\s]+)>\s*$/.exec(value)
  if (m) return { name: m[1]!.replace(/^"|"$/g, ''), address: m[2]! }
  return { name: '', address: value.trim() }
}

export function createMailer(options: { smtpUrl?: string | undefined }): Mailer {
  if (!options.smtpUrl) {
    return {
      transport: 'capture',
      send: async (mail) => ({ messageId: mail.messageId }),
      close: () => {},
    }
  }
  const transporter: Transporter = nodemailer.createTransport(options.smtpUrl, {
    // NOTE: an SMTP server that stops answering must fail the attempt well inside the outbox lease
    // (10 minutes): the service starts a send only with two minutes of lease left.
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
    socketTimeout: 60_000,
  })
  return {
    transport: 'smtp',
    async send(mail) {
      const info = await transporter.sendMail({
        messageId: mail.messageId,
        from: mail.from,
        to: mail.to,
        ...(mail.replyTo ? { replyTo: mail.replyTo } : {}),
        subject: mail.subject,
        html: mail.html,
        text: mail.text,
        headers: mail.headers,
        ...(mail.inlineImages?.length
          ? {
              attachments: mail.inlineImages.map((i) => ({
                cid: i.cid,
                filename: i.filename,
                contentType: i.contentType,
                content: Buffer.from(i.content),
                contentDisposition: 'inline' as const,
              })),
            }
          : {}),
      })
      return { messageId: info.messageId || mail.messageId }
    },
    close: () => transporter.close(),
  }
}
