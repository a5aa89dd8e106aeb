import {
  json,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { StaffShell } from '#app/components/staff-shell'
import { REMEDIES } from '#app/domain/complaints/playbook'
import { requireStaff } from '#app/services/auth/staff-auth.server'
import { getCurrentPolicy, savePlaybook } from '#app/services/policies/policies.server'
import {
  formDataToPlaybookValues,
  limitField,
  parsePlaybookForm,
  playbookToFormValues,
  remedyField,
  type PlaybookFormValues,
} from '#app/services/policies/playbook-form'
import { policyCurrencies } from '#app/services/policies/policy-form'

export const meta: MetaFunction = () => [{ title: 'Problem reports · Homebound' }]

const REMEDY_LABEL = { reship: 'Send it again', refund: 'Refund', coupon: 'Apology coupon' } as const

export async function loader({ request }: LoaderFunctionArgs) {
  const staff = await requireStaff(request, 'admin')
  const current = await getCurrentPolicy({ shopId: staff.shopId })
  const currencies = policyCurrencies(current.rules)
  const saved = new URL(request.url).searchParams.get('saved')
  return json(
    {
      staff,
      version: current.version,
      currencies,
      values: playbookToFormValues(current.playbook, currencies),
      saved: saved && /^\d+$/.test(saved) ? Number(saved) : null,
    },
    { headers: { 'Cache-Control': 'private, no-store' } },
  )
}

const ControlSchema = z.object({
  basedOnVersion: z.coerce.number().int().min(0),
  note: z.string().max(500, 'Keep the note under 500 characters').optional(),
})

export async function action({ request }: ActionFunctionArgs) {
  const staff = await requireStaff(request, 'admin')
  const form = await request.formData()
  const values = formDataToPlaybookValues(form)
  const control = ControlSchema.safeParse({ basedOnVersion: values.basedOnVersion, note: values.note })
  if (!control.success) {
    return json(
      { values, formError: 'Reload the page: the form is out of date.', fieldErrors: {} },
      { status: 400 },
    )
  }
  const current = await getCurrentPolicy({ shopId: staff.shopId })
  const parsed = parsePlaybookForm(values, policyCurrencies(current.rules))
  if (!parsed.ok) {
    return json(
      { values, formError: 'Some settings need fixing.', fieldErrors: parsed.fieldErrors },
      { status: 422 },
    )
  }
  const result = await savePlaybook({
    shopId: staff.shopId,
    staffId: staff.staffId,
    playbook: parsed.playbook,
    basedOnVersion: control.data.basedOnVersion,
    note: control.data.note,
    now: new Date(),
  })
  if (!result.ok) {
    const fieldErrors =
      result.code === 'invalid'
        ? Object.fromEntries(result.issues.map((i) => [i.field.replace(/^playbook\./, ''), i.message]))
        : {}
    return json(
      { values, formError: result.message, fieldErrors },
      { status: result.code === 'stale' ? 409 : 422 },
    )
  }
  return redirect(`/admin/playbook?saved=${result.value.version}`)
}

type ActionData = { values: PlaybookFormValues; formError?: string; fieldErrors: Record<string, string> }

export default function PlaybookRoute() {
  const data = useLoaderData<typeof loader>()
  const actionData = useActionData<ActionData>()
  const values = actionData?.values ?? data.values
  const errors = actionData?.fieldErrors ?? {}
  const id = (name: string) => `f-${name.replace(/[^A-Za-z0-9]/g, '-')}`
  const err = (name: string) =>
    errors[name] ? (
      <p className="error" id={`${id(name)}-error`}>
        {errors[name]}
      </p>
    ) : null
  const aria = (name: string) => ({
    id: id(name),
    'aria-invalid': errors[name] ? ('true' as const) : undefined,
    'aria-describedby': errors[name] ? `${id(name)}-error` : undefined,
  })
  const text = (name: string) => {
    const v = values[name]
    return Array.isArray(v) ? (v[0] ?? '') : (v ?? '')
  }
  const check = (name: string, label: string) => (
    <div className="field">
      <label className="check">
        <input type="checkbox" name={name} defaultChecked={text(name) === 'on'} {...aria(name)} /> {label}
      </label>
      {err(name)}
    </div>
  )
  const remedies = (path: 'notArrived' | 'damaged' | 'wrongItem' | 'missingItem', legend: string) => {
    const name = remedyField(path)
    const chosen = values[name]
    const list = Array.isArray(chosen) ? chosen : chosen ? [chosen] : []
    return (
      <fieldset className="plain" id={id(name)}>
        <legend className="step-legend">{legend}</legend>
        {REMEDIES.map((r) => (
          <label className="check" key={r} style={{ marginRight: '1rem' }}>
            <input type="checkbox" name={name} value={r} defaultChecked={list.includes(r)} />{' '}
            {REMEDY_LABEL[r]}
          </label>
        ))}
        <p className="muted small">None ticked: every report of this kind goes to staff.</p>
        {err(name)}
      </fieldset>
    )
  }
  const limits = (path: 'notArrived' | 'damaged' | 'missingItem', legend: string) => (
    <fieldset className="plain">
      <legend className="step-legend">{legend}</legend>
      <div className="policy-grid">
        {data.currencies.map((cur) => {
          const name = `${limitField(path)}.${cur}`
          return (
            <div className="field" key={cur}>
              <label htmlFor={id(name)}>{cur}</label>
              <input name={name} inputMode="decimal" defaultValue={text(name)} {...aria(name)} />
              {err(name)}
            </div>
          )
        })}
      </div>
      <p className="muted small">Empty: never without staff in that currency.</p>
    </fieldset>
  )
  return (
    <StaffShell shopName={data.staff.shopName} staffName={data.staff.name} role={data.staff.role}>
      <h1>Problem reports</h1>
      <p className="muted">
        What the buyer is offered when they report a problem, decided with what the carrier already told us.
        Saved with the return policy as version {data.version + 1}; open cases keep the rules they were opened
        under.
      </p>
      {data.saved && !actionData ? (
        <p className="alert success" role="status">
          Version {data.saved} saved.
        </p>
      ) : null}
      {actionData?.formError ? (
        <div className="alert error" role="alert" data-testid="form-error">
          {actionData.formError}
        </div>
      ) : null}
      <Form method="post" className="policy-form" noValidate>
        <input type="hidden" name="basedOnVersion" value={data.version} />
        <section className="card">
          <h2>Parcel not arrived</h2>
          <div className="field">
            <label htmlFor={id('notArrived.waitAfterDeliveredHours')}>
              Hours after a “delivered” scan before a case opens for staff
            </label>
            <input
              name="notArrived.waitAfterDeliveredHours"
              inputMode="numeric"
              defaultValue={text('notArrived.waitAfterDeliveredHours')}
              {...aria('notArrived.waitAfterDeliveredHours')}
            />
            {err('notArrived.waitAfterDeliveredHours')}
          </div>
          {remedies('notArrived', 'Offered at once when the parcel is stalled, late, lost or returned')}
          {check('notArrived.autoApproveWhenLost', 'Settle a lost parcel without staff')}
          {limits('notArrived', 'Only when the parcel is worth less than')}
        </section>
        <section className="card">
          <h2>Arrived damaged</h2>
          {check('damaged.photoRequired', 'Photo required')}
          {remedies('damaged', 'Remedies')}
          {limits('damaged', 'Approve without staff when worth less than')}
        </section>
        <section className="card">
          <h2>Wrong item</h2>
          {check('wrongItem.photoRequired', 'Photo required')}
          {check('wrongItem.returnWrongItem', 'The wrong item must be sent back (the shop pays)')}
          {remedies('wrongItem', 'Remedies (always approved by staff)')}
        </section>
        <section className="card">
          <h2>Item missing</h2>
          {remedies('missingItem', 'Remedies')}
          {limits('missingItem', 'Approve without staff when worth less than')}
        </section>
        <section className="card">
          <h2>Coupon</h2>
          <div className="field">
            <label htmlFor={id('couponPercent')}>Apology coupon, % of what the buyer paid</label>
            <input
              name="couponPercent"
              inputMode="decimal"
              defaultValue={text('couponPercent')}
              {...aria('couponPercent')}
            />
            {err('couponPercent')}
          </div>
          <div className="field">
            <label htmlFor="note">What changed and why</label>
            <input id="note" name="note" maxLength={500} defaultValue={text('note')} />
          </div>
          <button className="button" type="submit">
            Save as version {data.version + 1}
          </button>
        </section>
      </Form>
    </StaffShell>
  )
}
