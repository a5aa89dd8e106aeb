import {
  json,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import type { ReactNode } from 'react'
import { z } from 'zod'
import { StaffShell } from '#app/components/staff-shell'
import { RESOLUTIONS, RETURN_REASONS, type Resolution } from '#app/domain/policy/policy'
import { createFormatter } from '#app/i18n/format'
import { requireStaff } from '#app/services/auth/staff-auth.server'
import { getCurrentPolicy, listPolicyHistory, savePolicy } from '#app/services/policies/policies.server'
import {
  describeChangedPath,
  fieldId,
  formDataToValues,
  issuesToFieldErrors,
  parsePolicyForm,
  policyCurrencies,
  policyToFormValues,
  REASON_LABEL,
  RESOLUTION_LABEL,
  type PolicyFormValues,
} from '#app/services/policies/policy-form'
import { previewPolicyForOrder, type PolicyPreview } from '#app/services/policies/preview-policy.server'

export const meta: MetaFunction = () => [{ title: 'Return policy · Homebound' }]

const OrderNumberSchema = z
  .string()
  .trim()
  .min(1, 'Enter an order number, like 1003')
  .regex(/^#?\d{1,9}$/, 'An order number is digits only, like 1003 or #1003')
  .transform((s) => Number(s.replace('#', '')))

const LoaderQuerySchema = z.object({
  try: OrderNumberSchema.optional().catch(undefined),
  saved: z.coerce.number().int().positive().optional().catch(undefined),
})

interface TryResult {
  /** Whose rules: the saved version (from the address) or the unsaved form. */
  source: 'saved' | 'form'
  orderNumber: number
  preview: PolicyPreview | null
}

interface ActionData {
  intent: 'save' | 'try'
  values: PolicyFormValues
  fieldErrors?: Record<string, string>
  formError?: string
  tryResult?: TryResult
}

const noStore = { 'Cache-Control': 'private, no-store' }

export async function loader({ request }: LoaderFunctionArgs) {
  const staff = await requireStaff(request, 'admin')
  const url = new URL(request.url)
  const query = LoaderQuerySchema.parse(Object.fromEntries(url.searchParams))
  const current = await getCurrentPolicy({ shopId: staff.shopId })
  const history = await listPolicyHistory({ shopId: staff.shopId, limit: 20 })
  const currencies = policyCurrencies(current.rules)
  const tryResult: TryResult | null =
    query.try === undefined
      ? null
      : {
          source: 'saved',
          orderNumber: query.try,
          preview: await previewPolicyForOrder({
            shopId: staff.shopId,
            orderNumber: query.try,
            rules: current.rules,
            now: new Date(),
          }),
        }
  return json(
    {
      staff,
      version: current.version,
      currencies,
      values: policyToFormValues(current.rules, currencies),
      history: history.map((h) => ({ ...h, changed: h.changed.map(describeChangedPath) })),
      saved: query.saved ?? null,
      tryResult,
    },
    { headers: noStore },
  )
}

export async function action({ request }: ActionFunctionArgs) {
  const staff = await requireStaff(request, 'admin')
  const formData = await request.formData()
  const values = formDataToValues(formData)
  const intent = formData.get('intent') === 'try' ? 'try' : 'save'
  // The form offers an amount for each currency of the policy in force; anything else is an unknown field.
  const current = await getCurrentPolicy({ shopId: staff.shopId })
  const currencies = policyCurrencies(current.rules)
  const parsed = parsePolicyForm(formData, { currencies, current: current.rules })

  if (intent === 'try') {
    const order = OrderNumberSchema.safeParse(formData.get('tryOrder') ?? '')
    const fieldErrors = {
      ...(parsed.ok ? {} : parsed.fieldErrors),
      ...(order.success ? {} : { tryOrder: order.error.issues[0]!.message }),
    }
    if (!parsed.ok || !order.success) {
      return json<ActionData>(
        { intent, values, fieldErrors, formError: 'Fix the settings marked below to try them.' },
        { status: 400, headers: noStore },
      )
    }
    const preview = await previewPolicyForOrder({
      shopId: staff.shopId,
      orderNumber: order.data,
      rules: parsed.rules,
      now: new Date(),
    })
    return json<ActionData>(
      { intent, values, tryResult: { source: 'form', orderNumber: order.data, preview } },
      { status: preview ? 200 : 404, headers: noStore },
    )
  }

  if (!parsed.ok) {
    return json<ActionData>(
      { intent, values, fieldErrors: parsed.fieldErrors },
      { status: 400, headers: noStore },
    )
  }
  const result = await savePolicy({
    shopId: staff.shopId,
    staffId: staff.staffId,
    rules: parsed.rules,
    basedOnVersion: parsed.basedOnVersion,
    note: parsed.note,
    now: new Date(),
  })
  if (result.ok) return redirect(`/admin/policy?saved=${result.value.version}`)
  if (result.code === 'invalid') {
    return json<ActionData>(
      {
        intent,
        values,
        formError: result.message,
        fieldErrors: issuesToFieldErrors(result.issues, currencies),
      },
      { status: 422, headers: noStore },
    )
  }
  return json<ActionData>(
    { intent, values, formError: result.message },
    { status: result.code === 'stale' ? 409 : 422, headers: noStore },
  )
}

// Everything a field needs to render itself: the values to show and the errors to explain.
interface FormState {
  values: PolicyFormValues
  errors: Record<string, string>
}

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? (v[0] ?? '') : (v ?? ''))
const many = (v: string | string[] | undefined) => (v === undefined ? [] : Array.isArray(v) ? v : [v])

/** aria props tying an input to its hint and error. */
function described(name: string, s: FormState, hint?: boolean) {
  const error = s.errors[name]
  const ids = [hint ? `${fieldId(name)}-hint` : null, error ? `${fieldId(name)}-error` : null].filter(Boolean)
  return {
    'aria-invalid': error ? ('true' as const) : undefined,
    'aria-describedby': ids.length ? ids.join(' ') : undefined,
  }
}

function FieldError({ name, s }: { name: string; s: FormState }) {
  const error = s.errors[name]
  return error ? (
    <p className="error" id={`${fieldId(name)}-error`}>
      {error}
    </p>
  ) : null
}

function TextField(props: {
  name: string
  label: string
  hint?: string
  s: FormState
  kind?: 'number' | 'decimal' | 'text' | 'list'
  suffix?: string
  className?: string
}) {
  const { name, s } = props
  const id = fieldId(name)
  const common = {
    id,
    name,
    defaultValue: one(s.values[name]),
    ...described(name, s, Boolean(props.hint)),
  }
  return (
    <div className={`field ${props.className ?? ''}`}>
      <label htmlFor={id}>{props.label}</label>
      {props.hint ? (
        <span className="hint" id={`${id}-hint`}>
          {props.hint}
        </span>
      ) : null}
      {props.kind === 'list' ? (
        <textarea rows={3} {...common} />
      ) : (
        <span className="with-suffix">
          <input
            type="text"
            inputMode={props.kind === 'number' ? 'numeric' : props.kind === 'decimal' ? 'decimal' : undefined}
            autoComplete="off"
            {...common}
          />
          {props.suffix ? <span aria-hidden="true">{props.suffix}</span> : null}
        </span>
      )}
      <FieldError name={name} s={s} />
    </div>
  )
}

function Check(props: { name: string; label: ReactNode; hint?: string; s: FormState }) {
  const { name, s } = props
  const id = fieldId(name)
  return (
    <div className="check-field">
      <label className="check" htmlFor={id}>
        <input
          type="checkbox"
          id={id}
          name={name}
          defaultChecked={one(s.values[name]) === 'on'}
          {...described(name, s, Boolean(props.hint))}
        />
        <span>{props.label}</span>
      </label>
      {props.hint ? (
        <span className="hint" id={`${id}-hint`}>
          {props.hint}
        </span>
      ) : null}
      <FieldError name={name} s={s} />
    </div>
  )
}

function Choice(props: { name: string; label: string; options: [string, string][]; s: FormState }) {
  const { name, s } = props
  const id = fieldId(name)
  return (
    <div className="field">
      <label htmlFor={id}>{props.label}</label>
      <select id={id} name={name} defaultValue={one(s.values[name])} {...described(name, s)}>
        {props.options.map(([value, text]) => (
          <option key={value} value={value}>
            {text}
          </option>
        ))}
      </select>
      <FieldError name={name} s={s} />
    </div>
  )
}

function Section(props: { id: string; title: string; intro?: string; error?: string; children: ReactNode }) {
  return (
    <fieldset
      className="card policy-section"
      id={fieldId(props.id)}
      tabIndex={-1}
      aria-describedby={props.error ? `${fieldId(props.id)}-error` : undefined}
    >
      <legend>{props.title}</legend>
      {props.intro ? <p className="muted small">{props.intro}</p> : null}
      {props.error ? (
        <p className="error" id={`${fieldId(props.id)}-error`}>
          {props.error}
        </p>
      ) : null}
      {props.children}
    </fieldset>
  )
}

function MoneyFields(props: {
  map: string
  label: string
  hint: string
  currencies: string[]
  s: FormState
}) {
  const { map, s } = props
  return (
    <fieldset
      className="money-group"
      id={fieldId(map)}
      tabIndex={-1}
      aria-describedby={`${fieldId(map)}-hint${s.errors[map] ? ` ${fieldId(map)}-error` : ''}`}
    >
      <legend>{props.label}</legend>
      <span className="hint" id={`${fieldId(map)}-hint`}>
        {props.hint}
      </span>
      <FieldError name={map} s={s} />
      <div className="money-grid">
        {props.currencies.map((c) => {
          const name = `${map}.${c}`
          return (
            <div className="field" key={c}>
              <label htmlFor={fieldId(name)}>
                <span className="visually-hidden">{props.label} in </span>
                {c}
              </label>
              <input
                type="text"
                inputMode="decimal"
                autoComplete="off"
                id={fieldId(name)}
                name={name}
                defaultValue={one(s.values[name])}
                {...described(name, s)}
              />
              <FieldError name={name} s={s} />
            </div>
          )
        })}
      </div>
    </fieldset>
  )
}

const REASON_COLUMNS = [
  ['enabled', 'Offered'],
  ['photoRequired', 'Photo required'],
  ['noteRequired', 'Note required'],
] as const
const WAIVER_COLUMNS = [
  ['waiveReturnShipping', 'Free return shipping'],
  ['waiveRestockingFee', 'No restocking fee'],
] as const

function ReasonsTable({ s }: { s: FormState }) {
  const cell = (name: string, label: string, checked: boolean, value?: string, errorFor?: string) => {
    const id = value ? `${fieldId(name)}-${value}` : fieldId(name)
    return (
      <td key={id}>
        <input
          type="checkbox"
          id={id}
          name={name}
          // NOTE: React sets an explicit `value={undefined}` to "" on hydration, and a ticked box would
          // then send "" instead of "on"; so the prop is only passed when there is one.
          {...(value ? { value } : {})}
          defaultChecked={checked}
          aria-invalid={errorFor && s.errors[errorFor] ? 'true' : undefined}
          aria-describedby={errorFor && s.errors[errorFor] ? `${fieldId(errorFor)}-error` : undefined}
        />
        <label htmlFor={id} className="visually-hidden">
          {label}
        </label>
      </td>
    )
  }
  return (
    <div className="table-wrap">
      <table className="data reasons">
        <caption className="visually-hidden">Settings for each return reason</caption>
        <thead>
          <tr>
            <th scope="col" rowSpan={2}>
              Reason
            </th>
            {REASON_COLUMNS.map(([, label]) => (
              <th scope="col" rowSpan={2} key={label}>
                {label}
              </th>
            ))}
            <th scope="colgroup" colSpan={RESOLUTIONS.length} className="group">
              Resolutions allowed
            </th>
            {WAIVER_COLUMNS.map(([, label]) => (
              <th scope="col" rowSpan={2} key={label}>
                {label}
              </th>
            ))}
          </tr>
          <tr>
            {RESOLUTIONS.map((r) => (
              <th scope="col" key={r}>
                {RESOLUTION_LABEL[r]}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {RETURN_REASONS.map((reason) => {
            const label = REASON_LABEL[reason]
            const key = (k: string) => `reasons.${reason}.${k}`
            const allowed = many(s.values[key('allowedResolutions')])
            const flag = (k: string) => one(s.values[key(k)]) === 'on'
            return (
              <tr key={reason} id={fieldId(key('allowedResolutions'))} tabIndex={-1}>
                <th scope="row">
                  {label}
                  <FieldError name={key('allowedResolutions')} s={s} />
                  {[...REASON_COLUMNS, ...WAIVER_COLUMNS].map(([k]) => (
                    <FieldError key={k} name={key(k)} s={s} />
                  ))}
                </th>
                {REASON_COLUMNS.map(([k, col]) => cell(key(k), `${col} for ${label}`, flag(k)))}
                {RESOLUTIONS.map((r: Resolution) =>
                  cell(
                    key('allowedResolutions'),
                    `${RESOLUTION_LABEL[r]} allowed for ${label}`,
                    allowed.includes(r),
                    r,
                    key('allowedResolutions'),
                  ),
                )}
                {WAIVER_COLUMNS.map(([k, col]) => cell(key(k), `${col} for ${label}`, flag(k)))}
              </tr>
            )
          })}
        </tbody>
      </table>
    </div>
  )
}

function TryResultView({ result, version }: { result: TryResult; version: number }) {
  const f = createFormatter('en', 'UTC')
  if (!result.preview) {
    return (
      <div className="alert error" role="alert">
        There is no order #{result.orderNumber} in this shop. Check the number on the order confirmation.
      </div>
    )
  }
  const p = result.preview
  return (
    <div className="try-result">
      <h3>
        Order #{p.orderNumber}{' '}
        <span className="muted small">
          {result.source === 'form'
            ? 'under the settings above (not saved)'
            : `under the saved policy (version ${version})`}
        </span>
      </h3>
      <div className="table-wrap">
        <table className="data">
          <thead>
            <tr>
              <th scope="col">Item</th>
              <th scope="col">Quantity</th>
              <th scope="col">Returnable</th>
              <th scope="col">What the buyer is told</th>
              <th scope="col">Last day (UTC)</th>
            </tr>
          </thead>
          <tbody>
            {p.items.map((item, i) => (
              <tr key={i}>
                <th scope="row">
                  {item.title}
                  {item.variantTitle ? <div className="muted small">{item.variantTitle}</div> : null}
                </th>
                <td>{item.quantity}</td>
                <td>
                  <span className={`pill ${item.eligible ? 'yes' : 'no'}`}>
                    {item.eligible ? 'Yes' : 'No'}
                  </span>
                </td>
                <td>{item.sentence}</td>
                <td>{item.deadline ? f.dateWithYear(item.deadline) : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  )
}

export default function AdminPolicy() {
  const data = useLoaderData<typeof loader>()
  const actionData = useActionData<ActionData>()
  const navigation = useNavigation()
  const busy = navigation.state === 'submitting' ? navigation.formData?.get('intent') : null
  const s: FormState = {
    values: actionData?.values ?? data.values,
    errors: actionData?.fieldErrors ?? {},
  }
  const tryResult = actionData?.tryResult ?? (actionData ? null : data.tryResult)
  const f = createFormatter('en', 'UTC')
  const errorEntries = Object.entries(s.errors)
  const percent = 'Percent, 0–100.'

  return (
    <StaffShell shopName={data.staff.shopName} staffName={data.staff.name} role={data.staff.role}>
      <div className="policy-head">
        <h1>Return policy</h1>
        <p className="muted">
          {data.version === 0
            ? 'The shop uses Homebound’s default policy. Saving creates version 1.'
            : `Version ${data.version} is in force.`}{' '}
          Every save is a new version; returns already started keep the version they began under.
        </p>
      </div>

      {data.saved !== null && !actionData ? (
        <div className="alert success" role="status">
          Version {data.saved} saved. It applies to returns started from now on.
        </div>
      ) : null}
      {actionData?.formError || errorEntries.length > 0 ? (
        <div className="alert error" role="alert" id="form-errors">
          <p className="alert-title">
            {actionData?.formError ??
              (errorEntries.length === 1
                ? 'One setting needs fixing before the policy can be saved.'
                : `${errorEntries.length} settings need fixing before the policy can be saved.`)}
          </p>
          {errorEntries.length > 0 ? (
            <ul>
              {errorEntries.map(([name, message]) => (
                <li key={name}>
                  <a href={`#${fieldId(name)}`}>
                    {name === 'tryOrder' ? 'Order number' : describeChangedPath(name)}
                  </a>
                  : {message}
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}

      <Form method="post" noValidate className="policy-form" key={data.version} aria-label="Return policy">
        <input type="hidden" name="basedOnVersion" value={String(data.version)} />

        <Section id="window" title="Return window">
          <div className="policy-grid">
            <TextField
              name="window.days"
              label="Days to return"
              hint="1–365. The window ends at the end of the last day (UTC)."
              kind="number"
              suffix="days"
              className="short"
              s={s}
            />
            <Choice
              name="window.countFrom"
              label="Count from"
              options={[
                ['delivery', 'Delivery'],
                ['fulfillment', 'Fulfilment (shipping)'],
                ['order', 'Order date'],
              ]}
              s={s}
            />
            <Choice
              name="window.fallbackWhenUndelivered"
              label="If delivery was never confirmed, count from"
              options={[
                ['fulfillment', 'Fulfilment (shipping)'],
                ['order', 'Order date'],
              ]}
              s={s}
            />
          </div>
        </Section>

        <Section id="exclusions" title="What can’t be returned">
          <div className="policy-grid">
            <TextField
              name="finalSaleTag"
              label="Final-sale tag"
              hint="Products with this tag are final sale. Leave empty to turn the rule off."
              s={s}
            />
            <TextField
              name="maxDiscountPercent"
              label="Maximum discount"
              hint="Items discounted by more than this can’t be returned. Leave empty for no limit."
              kind="decimal"
              suffix="%"
              className="short"
              s={s}
            />
          </div>
          <div className="policy-grid">
            <TextField
              name="exclusions.tags"
              label="Excluded product tags"
              hint="Separate with commas or new lines."
              kind="list"
              s={s}
            />
            <TextField
              name="exclusions.productTypes"
              label="Excluded product types"
              hint="Separate with commas or new lines."
              kind="list"
              s={s}
            />
            <TextField
              name="exclusions.skus"
              label="Excluded SKUs"
              hint="Separate with commas or new lines."
              kind="list"
              s={s}
            />
          </div>
        </Section>

        <Section id="fees" title="Fees">
          <TextField
            name="restockingFeePercent"
            label="Restocking fee"
            hint={`Share of what the buyer paid for the item. ${percent}`}
            kind="decimal"
            suffix="%"
            className="short"
            s={s}
          />
          <MoneyFields
            map="returnShippingFee"
            label="Return shipping fee"
            hint="Charged once per return, e.g. 6.95. Leave a currency empty for free return shipping."
            currencies={data.currencies}
            s={s}
          />
        </Section>

        <Section
          id="resolutions"
          title="Resolutions offered"
          intro="What the buyer can get back. A bonus adds value on top of the returned amount."
          error={s.errors.resolutions}
        >
          <Check name="resolutions.refund.enabled" label="Refund to the original payment" s={s} />
          {(
            [
              ['storeCredit', 'Store credit'],
              ['exchange', 'Exchange'],
              ['coupon', 'Coupon'],
            ] as const
          ).map(([k, label]) => (
            <div className="resolution-row" key={k}>
              <Check name={`resolutions.${k}.enabled`} label={label} s={s} />
              <TextField
                name={`resolutions.${k}.bonusPercent`}
                label={`${label} bonus`}
                kind="decimal"
                suffix="%"
                className="short"
                s={s}
              />
            </div>
          ))}
          <TextField
            name="resolutions.coupon.validDays"
            label="Coupons can be used for"
            hint="1–730 days from when the coupon is issued (returns and problem reports alike). The buyer is shown the last day."
            kind="number"
            suffix="days"
            className="short"
            s={s}
          />
        </Section>

        <Section
          id="timing"
          title="When the buyer gets it"
          intro="For items sent back by label or drop-off. Kept items and problem reports are settled at approval."
        >
          <div className="policy-grid">
            <Choice
              name="timing.moneyMoves"
              label="Refund, credit or coupon"
              options={[
                ['approval', 'At approval'],
                ['first_scan', 'At the return parcel’s first carrier scan'],
                ['delivered', 'When the parcel is delivered to us'],
                ['inspected', 'When staff have received and inspected the items'],
              ]}
              s={s}
            />
            <Choice
              name="timing.replacementShips"
              label="Replacement for an exchange"
              options={[
                ['approval', 'Ship at approval'],
                ['first_scan', 'Ship at the return parcel’s first carrier scan'],
              ]}
              s={s}
            />
          </div>
        </Section>

        <Section
          id="reasons"
          title="Reasons"
          intro="One row per reason the buyer can give. A damaged or wrong item is usually the shop’s mistake: spare the buyer the fees."
          error={s.errors.reasons}
        >
          <ReasonsTable s={s} />
        </Section>

        <Section
          id="greenReturn"
          title="Keep the item"
          intro="For reasons with free return shipping, a cheap item can be kept instead of sent back."
        >
          <Check name="greenReturn.enabled" label="Let buyers keep cheap items" s={s} />
          <MoneyFields
            map="greenReturn.maxItemValue"
            label="Keep items worth less than"
            hint="Per unit, as paid. Leave a currency empty to never offer it in that currency."
            currencies={data.currencies}
            s={s}
          />
        </Section>

        <Section
          id="autoApprove"
          title="Automatic approval"
          intro="Approve small, routine returns without staff."
        >
          <Check name="autoApprove.enabled" label="Approve automatically" s={s} />
          <MoneyFields
            map="autoApprove.maxValue"
            label="Return value under"
            hint="Leave a currency empty to never auto-approve in that currency."
            currencies={data.currencies}
            s={s}
          />
          <fieldset
            className="check-group"
            id={fieldId('autoApprove.reasons')}
            tabIndex={-1}
            aria-describedby={
              s.errors['autoApprove.reasons'] ? `${fieldId('autoApprove.reasons')}-error` : undefined
            }
          >
            <legend>Only for these reasons</legend>
            <FieldError name="autoApprove.reasons" s={s} />
            <div className="check-grid">
              {RETURN_REASONS.map((r) => (
                <label className="check" key={r} htmlFor={`${fieldId('autoApprove.reasons')}-${r}`}>
                  <input
                    type="checkbox"
                    id={`${fieldId('autoApprove.reasons')}-${r}`}
                    name="autoApprove.reasons"
                    value={r}
                    defaultChecked={many(s.values['autoApprove.reasons']).includes(r)}
                  />
                  <span>{REASON_LABEL[r]}</span>
                </label>
              ))}
            </div>
          </fieldset>
          <TextField
            name="autoApprove.maxReturnsLast90Days"
            label="Buyer has fewer returns than this in the last 90 days"
            kind="number"
            className="short"
            s={s}
          />
        </Section>

        <Section id="blocked" title="Blocked buyers">
          <TextField
            name="blockedEmails"
            label="Email addresses"
            hint="These buyers must contact the shop instead of starting a return online. Separate with commas or new lines."
            kind="list"
            s={s}
          />
        </Section>

        <Section id="limits" title="Limit per order">
          <TextField
            name="maxReturnsPerOrder"
            label="Most returns one order may have"
            hint="Leave empty for no limit."
            kind="number"
            className="short"
            s={s}
          />
        </Section>

        {/* NOTE: "Try" comes before "Save" in the form on purpose: Enter in any field presses the
            form's first submit button, and previewing is the harmless default. */}
        <section className="card try-box" aria-labelledby="try-heading">
          <h2 id="try-heading">Try it on an order</h2>
          <p className="muted small">
            See what the buyer of an order would be told under the settings above, before you save. Nothing is
            saved.
          </p>
          <div className="try-row">
            <TextField
              name="tryOrder"
              label="Order number"
              kind="number"
              className="short"
              s={{
                values: {
                  tryOrder: one(s.values.tryOrder) || (tryResult ? String(tryResult.orderNumber) : ''),
                },
                errors: s.errors,
              }}
            />
            <button className="button secondary" type="submit" name="intent" value="try">
              {busy === 'try' ? 'Trying…' : 'Try these settings'}
            </button>
          </div>
          <div aria-live="polite">
            {tryResult ? <TryResultView result={tryResult} version={data.version} /> : null}
          </div>
        </section>

        <section className="card save-box" aria-labelledby="save-heading">
          <h2 id="save-heading">Save</h2>
          <TextField
            name="note"
            label="What changed and why"
            hint="Optional. Shown in the history below, for the rest of the team."
            kind="list"
            s={s}
          />
          <button className="button" type="submit" name="intent" value="save">
            {busy === 'save' ? 'Saving…' : `Save as version ${data.version + 1}`}
          </button>
        </section>
      </Form>

      <section className="card" aria-labelledby="history-heading">
        <h2 id="history-heading">History</h2>
        {data.history.length === 0 ? (
          <p className="muted">No versions saved yet: the defaults are in force.</p>
        ) : (
          <div className="table-wrap">
            <table className="data history">
              <thead>
                <tr>
                  <th scope="col">Version</th>
                  <th scope="col">Saved (UTC)</th>
                  <th scope="col">By</th>
                  <th scope="col">What changed</th>
                </tr>
              </thead>
              <tbody>
                {data.history.map((h) => (
                  <tr key={h.version}>
                    <th scope="row">{h.version}</th>
                    <td>{f.dateTime(h.savedAt)}</td>
                    <td>{h.savedBy ?? 'Unknown'}</td>
                    <td>
                      {h.changed.length > 0 ? (
                        <ul className="changed">
                          {h.changed.map((c) => (
                            <li key={c}>{c}</li>
                          ))}
                        </ul>
                      ) : null}
                      {h.note ? <p className="note">“{h.note}”</p> : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </StaffShell>
  )
}
