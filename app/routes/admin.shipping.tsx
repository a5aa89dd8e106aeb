// Settings → Return shipping (admin): where return labels send parcels, and which carriers may carry
// them. A plain form that works without JavaScript; each problem is shown under its field.
import {
  json,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { StaffShell } from '#app/components/staff-shell'
import { CARRIER_CODES, carrierProfile } from '#app/domain/tracking/carriers'
import { requireStaff } from '#app/services/auth/staff-auth.server'
import {
  getReturnShipping,
  saveReturnShipping,
  type AddressField,
  type ReturnShippingValues,
} from '#app/services/shops/return-shipping.server'

export const meta: MetaFunction = () => [{ title: 'Return shipping · Homebound' }]

const noStore = { 'Cache-Control': 'private, no-store' }

const FIELDS: { name: AddressField; label: string; hint?: string; autoComplete: string }[] = [
  { name: 'name', label: 'Recipient', hint: 'Printed first on every label.', autoComplete: 'organization' },
  { name: 'line1', label: 'Street and number', autoComplete: 'address-line1' },
  { name: 'line2', label: 'Building, unit (optional)', autoComplete: 'address-line2' },
  { name: 'postalCode', label: 'Postal code', autoComplete: 'postal-code' },
  { name: 'city', label: 'City', autoComplete: 'address-level2' },
  {
    name: 'region',
    label: 'State or province',
    hint: 'Needed in the US, Canada and Australia.',
    autoComplete: 'address-level1',
  },
  { name: 'countryCode', label: 'Country', hint: 'Two letters, like PL or US.', autoComplete: 'country' },
  { name: 'phone', label: 'Phone (optional)', hint: 'Some carriers print it.', autoComplete: 'tel' },
]

export async function loader({ request }: LoaderFunctionArgs) {
  const staff = await requireStaff(request, 'admin')
  const values = await getReturnShipping(staff.shopId)
  if (!values) throw new Response('Not found', { status: 404 })
  const saved = new URL(request.url).searchParams.get('saved') === '1'
  return json({ staff, values, saved }, { headers: noStore })
}

export async function action({ request }: ActionFunctionArgs) {
  const staff = await requireStaff(request, 'admin')
  const form: Record<string, string | string[]> = {}
  for (const [k, v] of await request.formData()) {
    if (typeof v !== 'string') continue
    if (k === 'carriers') form.carriers = [...((form.carriers as string[] | undefined) ?? []), v]
    else form[k] = v
  }
  const result = await saveReturnShipping({ shopId: staff.shopId, form, now: new Date() })
  if (result.ok) return redirect('/admin/shipping?saved=1')
  return json(
    { values: result.values, fieldErrors: result.fieldErrors },
    { status: result.status, headers: noStore },
  )
}

export default function ReturnShippingRoute() {
  const data = useLoaderData<typeof loader>()
  const actionData = useActionData<{ values: ReturnShippingValues; fieldErrors: Record<string, string> }>()
  const values = actionData?.values ?? data.values
  const errors = actionData?.fieldErrors ?? {}
  const err = (name: string) =>
    errors[name] ? { 'aria-invalid': true as const, 'aria-describedby': `f-${name}-error` } : {}
  return (
    <StaffShell shopName={data.staff.shopName} staffName={data.staff.name} role={data.staff.role}>
      <h1>Return shipping</h1>
      <p className="muted">
        Every return label is addressed here. Labels are bought from the cheapest carrier you allow for the
        buyer’s country.
      </p>
      {data.saved && !actionData ? (
        <div className="alert success" role="status" data-testid="saved">
          Saved. New labels use these settings.
        </div>
      ) : null}
      {Object.keys(errors).length ? (
        <div className="alert error" role="alert" data-testid="form-error">
          Please correct the fields marked below; nothing was saved.
        </div>
      ) : null}
      <Form method="post" className="card" noValidate>
        <fieldset>
          <legend className="h3">Return address</legend>
          {FIELDS.map((f) => (
            <div className="field" key={f.name}>
              <label htmlFor={`f-${f.name}`}>{f.label}</label>
              {f.hint ? <span className="hint">{f.hint}</span> : null}
              <input
                id={`f-${f.name}`}
                name={f.name}
                defaultValue={values.address[f.name]}
                autoComplete={f.autoComplete}
                maxLength={200}
                {...err(f.name)}
              />
              {errors[f.name] ? (
                <p className="error" id={`f-${f.name}-error`}>
                  {errors[f.name]}
                </p>
              ) : null}
            </div>
          ))}
        </fieldset>
        <fieldset aria-describedby={errors.carriers ? 'f-carriers-error' : undefined}>
          <legend className="h3">Carriers for return labels</legend>
          <p className="hint">None ticked: any carrier that serves the route.</p>
          <div className="check-grid">
            {CARRIER_CODES.map((c) => (
              <label key={c} className="check">
                <input
                  type="checkbox"
                  name="carriers"
                  value={c}
                  defaultChecked={values.carriers.includes(c)}
                />{' '}
                {carrierProfile(c).name}
              </label>
            ))}
          </div>
          {errors.carriers ? (
            <p className="error" id="f-carriers-error">
              {errors.carriers}
            </p>
          ) : null}
        </fieldset>
        <div className="actions">
          <button className="button" type="submit" data-testid="save-shipping">
            Save
          </button>
        </div>
      </Form>
    </StaffShell>
  )
}
