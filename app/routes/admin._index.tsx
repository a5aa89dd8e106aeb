import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { LEVEL_LABEL, StaffShell } from '#app/components/staff-shell'
import { createFormatter } from '#app/i18n/format'
import { requireStaff } from '#app/services/auth/staff-auth.server'
import { getShopOverview } from '#app/services/staff/shop-overview.server'

export const meta: MetaFunction = () => [{ title: 'Overview · Homebound' }]

export async function loader({ request }: LoaderFunctionArgs) {
  const staff = await requireStaff(request, 'admin')
  const overview = await getShopOverview({ shopId: staff.shopId, now: new Date() })
  return json({ staff, overview }, { headers: { 'Cache-Control': 'private, no-store' } })
}

export default function AdminOverview() {
  const { staff, overview } = useLoaderData<typeof loader>()
  const f = createFormatter('en', 'UTC')
  return (
    <StaffShell shopName={staff.shopName} staffName={staff.name} role={staff.role}>
      <h1>Overview</h1>
      <div className="stats">
        <div className="stat">
          <div className="n">{overview.orderCount}</div>
          <div className="l">Orders</div>
        </div>
        <div className="stat">
          <div className="n">{overview.activeParcels}</div>
          <div className="l">Parcels on the way</div>
        </div>
        <div className="stat">
          <div className="n">{overview.inTrouble}</div>
          <div className="l">
            <a href="/support">Parcels needing attention</a>
          </div>
        </div>
        <div className="stat">
          <div className="n">{overview.delivered}</div>
          <div className="l">Parcels delivered</div>
        </div>
      </div>
      <section className="card">
        <h2>Newest orders</h2>
        <div className="table-wrap">
          <table className="data">
            <thead>
              <tr>
                <th scope="col">Order</th>
                <th scope="col">Customer</th>
                <th scope="col">Placed (UTC)</th>
                <th scope="col">Total</th>
                <th scope="col">Fulfilment</th>
                <th scope="col">Parcels</th>
              </tr>
            </thead>
            <tbody>
              {overview.recent.map((o) => (
                <tr key={o.number}>
                  <td>
                    <a href={o.buyerView} title="Open the page the buyer sees">
                      #{o.number}
                    </a>
                  </td>
                  <td>
                    {o.customer}
                    <div className="muted small">
                      {o.email} · {(o.locale ?? 'en').toUpperCase()}
                    </div>
                  </td>
                  <td>{f.dateTime(o.placedAt)}</td>
                  <td>{f.money(o.totalMinor, o.currency)}</td>
                  <td>{o.fulfillment}</td>
                  <td>
                    {o.parcels}{' '}
                    {o.parcels > 0 ? (
                      <span className={`pill ${o.worstLevel}`}>{LEVEL_LABEL[o.worstLevel]}</span>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </StaffShell>
  )
}
