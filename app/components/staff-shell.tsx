import { Form } from '@remix-run/react'
import type { ReactNode } from 'react'

/** Header and navigation for staff pages (admins and support agents). */
export function StaffShell(props: {
  shopName: string
  staffName: string
  role: 'admin' | 'agent'
  children: ReactNode
}) {
  return (
    <>
      <a className="skip" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <div className="topbar-inner">
          <span className="shop-name">{props.shopName} · Homebound</span>
          <nav aria-label="Staff" className="staff-nav">
            {props.role === 'admin' ? <a href="/admin">Overview</a> : null}
            {props.role === 'admin' ? <a href="/admin/policy">Return policy</a> : null}
            {props.role === 'admin' ? <a href="/admin/playbook">Problem reports</a> : null}
            {props.role === 'admin' ? <a href="/admin/notices">Delivery notices</a> : null}
            {props.role === 'admin' ? <a href="/admin/shipping">Return shipping</a> : null}
            {props.role === 'admin' ? <a href="/admin/outbox">Outbox</a> : null}
            {props.role === 'admin' ? <a href="/admin/emails">Email templates</a> : null}
            <a href="/support/cases">Cases</a>
            <a href="/support">Parcels needing attention</a>
            <span aria-label="Signed in as">{props.staffName}</span>
            <Form method="post" action="/auth/logout">
              <button type="submit">Sign out</button>
            </Form>
          </nav>
        </div>
      </header>
      <main id="main" className="page" style={{ maxWidth: 1100 }}>
        {props.children}
      </main>
    </>
  )
}

export const LEVEL_LABEL: Record<string, string> = {
  on_time: 'On time',
  at_risk: 'At risk',
  late: 'Late',
  stalled: 'Stalled',
  exception: 'Exception',
  lost: 'Lost',
}
