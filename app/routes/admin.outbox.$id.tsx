import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { EmailView } from '#app/components/email-view'
import { StaffShell } from '#app/components/staff-shell'
import { createFormatter } from '#app/i18n/format'
import { requireStaff } from '#app/services/auth/staff-auth.server'
import { getOutboxMessage } from '#app/services/mail/outbox.server'

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.message.subject ?? 'Message'} · Outbox · Homebound` },
]

const ParamsSchema = z.object({ id: z.string().uuid('The message id in the address is not valid.') })

export async function loader({ request, params }: LoaderFunctionArgs) {
  const staff = await requireStaff(request, 'admin')
  const parsed = ParamsSchema.safeParse(params)
  if (!parsed.success) throw json({ message: parsed.error.issues[0]!.message }, { status: 400 })
  const message = await getOutboxMessage({ shopId: staff.shopId, id: parsed.data.id })
  if (!message) throw json({ message: 'No such message in this shop’s outbox.' }, { status: 404 })
  return json({ staff, message }, { headers: { 'Cache-Control': 'private, no-store' } })
}

export default function OutboxMessage() {
  const { staff, message: m } = useLoaderData<typeof loader>()
  const f = createFormatter('en', 'UTC')
  return (
    <StaffShell shopName={staff.shopName} staffName={staff.name} role={staff.role}>
      <p className="small">
        <a href="/admin/outbox">← Outbox</a>
      </p>
      <h1>{m.subject ?? `${m.template} to ${m.to}`}</h1>
      <div className="card">
        <dl className="facts">
          <dt>Status</dt>
          <dd>
            {m.status}
            {m.transport ? ` (${m.transport === 'capture' ? 'captured, not sent' : 'SMTP'})` : ''}
          </dd>
          <dt>To</dt>
          <dd>{m.to}</dd>
          <dt>Template</dt>
          <dd>
            {m.template} ({m.locale})
          </dd>
          <dt>Attempts</dt>
          <dd>{m.attempts}</dd>
          {m.lastError ? (
            <>
              <dt>Last error</dt>
              <dd>{m.lastError}</dd>
            </>
          ) : null}
          <dt>Created</dt>
          <dd>{f.dateTime(m.createdAt)} UTC</dd>
          <dt>{m.sentAt ? 'Sent' : 'Due'}</dt>
          <dd>{f.dateTime(m.sentAt ?? m.sendAfter)} UTC</dd>
        </dl>
      </div>
      <section className="card" aria-labelledby="headers">
        <h2 id="headers">Headers</h2>
        {Object.keys(m.headers).length ? (
          <pre style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
            {Object.entries(m.headers)
              .map(([k, v]) => `${k}: ${v}`)
              .join('\n')}
          </pre>
        ) : (
          <p className="muted">Not rendered yet.</p>
        )}
      </section>
      <EmailView subject={m.subject} html={m.html} text={m.text} />
    </StaffShell>
  )
}
