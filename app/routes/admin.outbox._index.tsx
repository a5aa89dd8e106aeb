import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { StaffShell } from '#app/components/staff-shell'
import { createFormatter } from '#app/i18n/format'
import { requireStaff } from '#app/services/auth/staff-auth.server'
import { listOutboxPage, OUTBOX_STATUSES } from '#app/services/mail/outbox.server'

export const meta: MetaFunction = () => [{ title: 'Outbox · Homebound' }]

// NOTE: built inside the loader: its lists come from a .server module, empty in the browser bundle.
const querySchema = () =>
  z
    .object({
      status: z.enum(OUTBOX_STATUSES).or(z.literal('')).optional(),
      page: z.coerce.number({ message: 'page must be a number' }).int().min(1).max(100_000).default(1),
    })
    .strict()

export async function loader({ request }: LoaderFunctionArgs) {
  const staff = await requireStaff(request, 'admin')
  const parsed = querySchema().safeParse(Object.fromEntries(new URL(request.url).searchParams))
  if (!parsed.success) {
    throw json(
      {
        message: `Bad outbox address: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'query'}: ${i.message}`).join('; ')}`,
      },
      { status: 400 },
    )
  }
  const status = parsed.data.status || null
  const outbox = await listOutboxPage({ shopId: staff.shopId, status, page: parsed.data.page })
  return json(
    { staff, status, outbox, statuses: OUTBOX_STATUSES },
    { headers: { 'Cache-Control': 'private, no-store' } },
  )
}

export default function AdminOutbox() {
  // NOTE: the list comes through loader data: .server modules are empty in the browser bundle.
  const { staff, status, outbox, statuses } = useLoaderData<typeof loader>()
  const f = createFormatter('en', 'UTC')
  const pageLink = (page: number) =>
    `/admin/outbox?${new URLSearchParams({ ...(status ? { status } : {}), page: String(page) })}`
  return (
    <StaffShell shopName={staff.shopName} staffName={staff.name} role={staff.role}>
      <h1>Outbox</h1>
      <p className="muted">
        {outbox.transport === 'smtp'
          ? 'Mail is sent over SMTP. Every message is kept here as it was sent.'
          : 'No SMTP_URL is set, so mail is captured here instead of sent. Open a message to read it as the buyer would.'}{' '}
        Times are UTC.
      </p>
      <Form method="get" className="card">
        <div className="field">
          <label htmlFor="status">Status</label>
          <select id="status" name="status" defaultValue={status ?? ''}>
            <option value="">All</option>
            {statuses.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </div>
        <button type="submit">Show</button>
      </Form>
      <p className="muted small">
        {outbox.total} message{outbox.total === 1 ? '' : 's'} · page {outbox.page} of {outbox.pages}
      </p>
      {outbox.messages.length ? (
        <div className="table-wrap">
          <table className="data">
            <caption className="visually-hidden">Messages, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Created</th>
                <th scope="col">To</th>
                <th scope="col">Template</th>
                <th scope="col">Subject</th>
                <th scope="col">Status</th>
                <th scope="col">Attempts</th>
                <th scope="col">Last error</th>
                <th scope="col">Sent</th>
              </tr>
            </thead>
            <tbody>
              {outbox.messages.map((m) => (
                <tr key={m.id}>
                  <td>{f.dateTime(m.createdAt)}</td>
                  <td>{m.to}</td>
                  <td>
                    {m.template} ({m.locale})
                  </td>
                  <td>
                    <a href={`/admin/outbox/${m.id}`}>{m.subject ?? '(not rendered yet)'}</a>
                  </td>
                  <td>
                    {m.status}
                    {m.status === 'pending' && m.attempts > 0 ? ` · next try ${f.dateTime(m.sendAfter)}` : ''}
                  </td>
                  <td>{m.attempts}</td>
                  <td className="small">{m.lastError ?? ''}</td>
                  <td>{m.sentAt ? f.dateTime(m.sentAt) : ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p>No messages{status ? ` with status ${status}` : ''}.</p>
      )}
      <nav aria-label="Pages" className="small">
        {outbox.page > 1 ? <a href={pageLink(outbox.page - 1)}>Newer</a> : null}{' '}
        {outbox.page < outbox.pages ? <a href={pageLink(outbox.page + 1)}>Older</a> : null}
      </nav>
    </StaffShell>
  )
}
