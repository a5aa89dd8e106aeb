import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { LEVEL_LABEL, StaffShell } from '#app/components/staff-shell'
import { createFormatter } from '#app/i18n/format'
import { createT } from '#app/i18n/t'
import { requireStaff } from '#app/services/auth/staff-auth.server'
import { listParcelsNeedingAttention } from '#app/services/staff/shop-overview.server'

export const meta: MetaFunction = () => [{ title: 'Parcels needing attention · Homebound' }]

export async function loader({ request }: LoaderFunctionArgs) {
  const staff = await requireStaff(request, 'agent')
  const parcels = await listParcelsNeedingAttention({ shopId: staff.shopId, now: new Date() })
  return json({ staff, parcels }, { headers: { 'Cache-Control': 'private, no-store' } })
}

export default function SupportQueue() {
  const { staff, parcels } = useLoaderData<typeof loader>()
  const f = createFormatter('en', 'UTC')
  const t = createT('en')
  return (
    <StaffShell shopName={staff.shopName} staffName={staff.name} role={staff.role}>
      <h1>Parcels needing attention</h1>
      <p className="muted">
        Every parcel that is late, stalled, stuck in an exception or lost, worst first. The buyer already sees
        the same notice on their order page.
      </p>
      {parcels.length === 0 ? (
        <p className="card">Nothing needs attention right now.</p>
      ) : (
        <div className="card table-wrap">
          <table className="data">
            <thead>
              <tr>
                <th scope="col">Level</th>
                <th scope="col">Order</th>
                <th scope="col">Customer</th>
                <th scope="col">Carrier</th>
                <th scope="col">Status</th>
                <th scope="col">Last scan (UTC)</th>
              </tr>
            </thead>
            <tbody>
              {parcels.map((p) => (
                <tr key={p.id}>
                  <td>
                    <span className={`pill ${p.level}`}>{LEVEL_LABEL[p.level]}</span>
                  </td>
                  <td>
                    <a href={p.buyerView} title="Open the page the buyer sees">
                      #{p.orderNumber}
                    </a>
                  </td>
                  <td>
                    {p.customer}
                    <div className="muted small">{p.email}</div>
                  </td>
                  <td>
                    {p.carrierName}
                    <div className="muted small">{p.trackingNumber}</div>
                  </td>
                  <td>
                    {t(`status.${p.status as 'in_transit'}`)}
                    {p.statusDetail ? ` (${t(`exception.${p.statusDetail as 'other'}`)})` : ''}
                  </td>
                  <td>{p.lastEventAt ? f.dateTime(p.lastEventAt) : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </StaffShell>
  )
}
