import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { StaffShell } from '#app/components/staff-shell'
import { CASE_STATES, type CaseState } from '#app/domain/cases/case-state'
import { createFormatter } from '#app/i18n/format'
import { createT, type MessageKey } from '#app/i18n/t'
import { requireStaff } from '#app/services/auth/staff-auth.server'
import { OPEN_CASE_STATES, listCaseQueue } from '#app/services/cases/case-view.server'

export const meta: MetaFunction = () => [{ title: 'Cases · Homebound' }]

export async function loader({ request }: LoaderFunctionArgs) {
  const staff = await requireStaff(request, 'agent')
  const state = new URL(request.url).searchParams.get('state')
  // 'attention': cases whose refund, credit or coupon failed or differs from the provider, in any state.
  const attention = state === 'attention'
  const states: readonly CaseState[] =
    state && (CASE_STATES as readonly string[]).includes(state) ? [state as CaseState] : OPEN_CASE_STATES
  const cases = await listCaseQueue({ shopId: staff.shopId, states, attention })
  return json(
    { staff, cases, state: attention ? 'attention' : states.length === 1 ? states[0] : 'open' },
    {
      headers: { 'Cache-Control': 'private, no-store' },
    },
  )
}

export default function CaseQueue() {
  const { staff, cases, state } = useLoaderData<typeof loader>()
  const f = createFormatter('en', 'UTC')
  const t = createT('en')
  return (
    <StaffShell shopName={staff.shopName} staffName={staff.name} role={staff.role}>
      <h1>Cases</h1>
      <form method="get" className="filters">
        <label htmlFor="state">Show</label>{' '}
        <select id="state" name="state" defaultValue={state}>
          <option value="open">Open cases</option>
          <option value="attention">Needs attention (payment failed or differs)</option>
          {CASE_STATES.map((s) => (
            <option key={s} value={s}>
              {t(`caseState.${s}` as MessageKey)}
            </option>
          ))}
        </select>{' '}
        <button className="button secondary" type="submit">
          Filter
        </button>
      </form>
      {cases.length === 0 ? (
        <p className="card">
          {state === 'attention' ? 'Nothing needs attention: every payment went through.' : 'No cases here.'}
        </p>
      ) : (
        <div className="card table-wrap">
          <table className="data" data-testid="case-queue">
            <thead>
              <tr>
                <th scope="col">Case</th>
                <th scope="col">State</th>
                <th scope="col">What</th>
                <th scope="col">Customer</th>
                <th scope="col">Value</th>
                <th scope="col">Waiting since (UTC)</th>
              </tr>
            </thead>
            <tbody>
              {cases.map((c) => (
                <tr key={c.number}>
                  <td>
                    <a href={`/support/cases/${c.number}`}>{c.number}</a>
                    <div className="muted small">order {c.orderNumber}</div>
                  </td>
                  <td>
                    <span className={`pill state-${c.state}`}>{t(`caseState.${c.state}` as MessageKey)}</span>
                    {c.autoApproved ? <div className="muted small">auto-approved</div> : null}
                    {c.attention?.failed ? (
                      <div>
                        <span className="pill attention" data-testid="flag-failed">
                          Payment failed
                        </span>
                      </div>
                    ) : null}
                    {c.attention?.mismatched ? (
                      <div>
                        <span className="pill attention mismatch" data-testid="flag-mismatch">
                          Differs from provider
                        </span>
                      </div>
                    ) : null}
                  </td>
                  <td>
                    {c.kind === 'return' ? 'Return' : t(`problem.kind.${c.complaintKind}` as MessageKey)}
                    {c.resolution ? (
                      <div className="muted small">
                        {t(
                          (c.kind === 'return'
                            ? `resolution.${c.resolution}`
                            : `remedy.${c.resolution}`) as MessageKey,
                        )}
                      </div>
                    ) : null}
                  </td>
                  <td>
                    {c.customer}
                    <div className="muted small">{c.buyerEmail}</div>
                  </td>
                  <td>{c.issuedMinor ? f.money(c.issuedMinor, c.currency) : '—'}</td>
                  <td>{f.dateTime(c.waitingSince)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </StaffShell>
  )
}
