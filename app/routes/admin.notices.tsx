// Delivery notice settings (admin): which events email buyers, thresholds, quiet hours, the apology
// coupon, remedies per delay level, sender name, reply-to and brand colour; and the logo every email
// carries (its own multipart form: upload or remove). Plain forms; they work without JavaScript. Each
// problem is shown under its field.
import {
  json,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { StaffShell } from '#app/components/staff-shell'
import { requireStaff } from '#app/services/auth/staff-auth.server'
import {
  getNoticeSettingsPage,
  saveNoticeSettings,
  type NoticeFormValues,
} from '#app/services/notices/notice-settings.server'
import {
  LOGO_FIELD,
  readLogoUpload,
  removeShopLogo,
  saveShopLogo,
} from '#app/services/notices/shop-logo.server'

export const meta: MetaFunction = () => [{ title: 'Delivery notices · Homebound' }]

const noStore = { 'Cache-Control': 'private, no-store' }

// Labels live here (not in a .server module) because the page renders them in the browser too.
const EVENTS: [string, string][] = [
  ['shipped', 'Shipped (first carrier scan)'],
  ['out_for_delivery', 'Out for delivery'],
  ['delivered', 'Delivered'],
  ['failed_attempt', 'Delivery attempt failed (what to do)'],
  ['delay', 'Delay (likely late, late, stalled, lost), with remedies'],
  ['exception', 'Exception needing action (address, customs…)'],
  ['returned_to_sender', 'Returned to sender'],
]
const LEVELS: [string, string][] = [
  ['at_risk', 'Likely late'],
  ['late', 'Late'],
  ['stalled', 'Stalled'],
  ['lost', 'Lost'],
]
const REMEDIES: [string, string][] = [
  ['wait', 'Wait for the new date'],
  ['coupon', 'Apology coupon'],
  ['refund', 'Refund what has not arrived'],
  ['reship', 'Reship'],
]

export async function loader({ request }: LoaderFunctionArgs) {
  const staff = await requireStaff(request, 'admin')
  const page = await getNoticeSettingsPage({ shopId: staff.shopId })
  if (!page) throw new Response('Not found', { status: 404 })
  const params = new URL(request.url).searchParams
  const logoDone = params.get('logo')
  return json(
    {
      staff,
      ...page,
      saved: params.get('saved') === '1',
      logoDone: logoDone === 'saved' || logoDone === 'removed' ? logoDone : null,
    },
    { headers: noStore },
  )
}

export async function action({ request }: ActionFunctionArgs) {
  const staff = await requireStaff(request, 'admin')
  // The logo form is the page's one multipart form; a refused file writes nothing.
  if ((request.headers.get('Content-Type') ?? '').startsWith('multipart/form-data')) {
    const upload = await readLogoUpload(request)
    const result = !upload.ok
      ? upload
      : upload.fields.intent !== 'upload-logo'
        ? { ok: false as const, status: 400 as const, message: 'Unknown form.' }
        : await saveShopLogo({
            shopId: staff.shopId,
            staffId: staff.staffId,
            file: upload.file,
            now: new Date(),
          })
    if (result.ok) return redirect('/admin/notices?logo=saved#logo')
    return json({ logoError: result.message }, { status: result.status, headers: noStore })
  }
  const form: Record<string, string> = {}
  for (const [k, v] of await request.formData()) if (typeof v === 'string') form[k] = v
  if (form.intent === 'remove-logo') {
    await removeShopLogo({ shopId: staff.shopId })
    return redirect('/admin/notices?logo=removed#logo')
  }
  const result = await saveNoticeSettings({
    shopId: staff.shopId,
    staffId: staff.staffId,
    form,
    now: new Date(),
  })
  if (result.ok) return redirect('/admin/notices?saved=1')
  return json(
    { values: result.values, fieldErrors: result.fieldErrors },
    { status: result.status, headers: noStore },
  )
}

interface S {
  values: NoticeFormValues
  errors: Record<string, string>
}

const fid = (name: string) => `f-${name.replace(/[^a-zA-Z0-9_-]/g, '-')}`

function Err({ name, s }: { name: string; s: S }) {
  return s.errors[name] ? (
    <p className="error" id={`${fid(name)}-error`}>
      {s.errors[name]}
    </p>
  ) : null
}

const aria = (name: string, s: S) =>
  s.errors[name] ? { 'aria-invalid': 'true' as const, 'aria-describedby': `${fid(name)}-error` } : {}

function Text(props: { name: string; label: string; hint?: string; s: S; textarea?: boolean }) {
  const { name, s } = props
  return (
    <div className="field">
      <label htmlFor={fid(name)}>{props.label}</label>
      {props.hint ? <span className="hint">{props.hint}</span> : null}
      {props.textarea ? (
        <textarea
          id={fid(name)}
          name={name}
          rows={2}
          defaultValue={s.values[name] ?? ''}
          {...aria(name, s)}
        />
      ) : (
        <input
          id={fid(name)}
          name={name}
          type="text"
          autoComplete="off"
          defaultValue={s.values[name] ?? ''}
          {...aria(name, s)}
        />
      )}
      <Err name={name} s={s} />
    </div>
  )
}

function Check({ name, label, s }: { name: string; label: string; s: S }) {
  return (
    <label className="check" htmlFor={fid(name)}>
      <input type="checkbox" id={fid(name)} name={name} defaultChecked={s.values[name] === 'on'} />
      <span>{label}</span>
    </label>
  )
}

function Hour({ name, label, s }: { name: string; label: string; s: S }) {
  return (
    <div className="field inline">
      <label htmlFor={fid(name)}>{label}</label>
      <select id={fid(name)} name={name} defaultValue={s.values[name] ?? ''} {...aria(name, s)}>
        {Array.from({ length: 24 }, (_, h) => (
          <option key={h} value={h}>
            {String(h).padStart(2, '0')}:00
          </option>
        ))}
      </select>
      <Err name={name} s={s} />
    </div>
  )
}

function LogoSection(props: {
  logo: { version: string; width: number; height: number } | null
  brandColor: string
  done: string | null
  error: string | null
}) {
  const { logo, error } = props
  // Shown as the emails show it: at most 200 × 64, half the stored size for sharp screens.
  const scale = logo ? Math.min(1, 200 / logo.width, 64 / logo.height) : 1
  return (
    <section className="card" id="logo" aria-labelledby="logo-heading">
      <h2 id="logo-heading">Logo in emails</h2>
      <p className="hint">
        Shown at the top of every email, on the brand colour. It travels inside each message, so mail programs
        never load anything from the web. PNG, JPEG or WebP, at most 1 MB; it is scaled to fit 400 × 128
        pixels.
      </p>
      {props.done ? (
        <p className="alert info" role="status">
          {props.done === 'saved' ? 'Logo saved.' : 'Logo removed.'}
        </p>
      ) : null}
      {logo ? (
        <div style={{ backgroundColor: props.brandColor, padding: '16px 24px', borderRadius: 8 }}>
          <img
            src={`/admin/notices/logo?v=${logo.version}`}
            alt="The current email logo"
            width={Math.round(logo.width * scale)}
            height={Math.round(logo.height * scale)}
            style={{ display: 'block' }}
          />
        </div>
      ) : (
        <p className="muted">No logo yet: the shop’s name heads every email.</p>
      )}
      <Form method="post" encType="multipart/form-data" noValidate>
        <input type="hidden" name="intent" value="upload-logo" />
        <div className="field">
          <label htmlFor="f-logo">{logo ? 'Replace the logo' : 'Upload a logo'}</label>
          <input
            id="f-logo"
            name={LOGO_FIELD}
            type="file"
            accept="image/png,image/jpeg,image/webp"
            {...(error ? { 'aria-invalid': true, 'aria-describedby': 'f-logo-error' } : {})}
          />
          {error ? (
            <p className="error" id="f-logo-error" role="alert">
              {error}
            </p>
          ) : null}
        </div>
        <button className="button" type="submit">
          Upload logo
        </button>
      </Form>
      {logo ? (
        <Form method="post" style={{ marginTop: '0.75rem' }}>
          <input type="hidden" name="intent" value="remove-logo" />
          <button className="button secondary" type="submit">
            Remove logo
          </button>
        </Form>
      ) : null}
    </section>
  )
}

export default function AdminNotices() {
  const { staff, values, updatedAt, saved, logo, logoDone } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const logoError = actionData && 'logoError' in actionData ? actionData.logoError : null
  const settingsData = actionData && 'values' in actionData ? actionData : null
  const s: S = { values: settingsData?.values ?? values, errors: settingsData?.fieldErrors ?? {} }
  const errorCount = Object.keys(s.errors).length
  return (
    <StaffShell shopName={staff.shopName} staffName={staff.name} role={staff.role}>
      <h1>Delivery notices</h1>
      <p className="muted">
        Emails buyers get about their parcels. Each parcel gets at most one email per status and per delay
        level.
        {updatedAt
          ? ` Last saved ${updatedAt.slice(0, 16).replace('T', ' ')} UTC.`
          : ' Defaults apply until you save.'}
      </p>
      {saved && !settingsData ? (
        <p className="alert info" role="status">
          Saved.
        </p>
      ) : null}
      {errorCount ? (
        <div className="alert" role="alert">
          <p>
            {s.errors.form ??
              `Fix the ${errorCount === 1 ? 'setting' : `${errorCount} settings`} marked below.`}
          </p>
        </div>
      ) : null}
      <Form method="post" className="card" noValidate>
        <fieldset>
          <legend>Which events email the buyer</legend>
          {EVENTS.map(([e, label]) => (
            <Check key={e} name={`event.${e}`} label={label} s={s} />
          ))}
        </fieldset>
        <fieldset>
          <legend>Thresholds</legend>
          <Text
            name="likelyLateWithinHours"
            label="Warn “likely late” within this many hours of the promised date"
            hint="When our own history of the carrier and route predicts arrival after the promised day. 0–720."
            s={s}
          />
          <Text
            name="stalledAfterBusinessHours"
            label="Stalled after (business hours without a scan)"
            hint="Empty: each carrier's normal gap (48–96 hours)."
            s={s}
          />
          <Text
            name="lostAfterBusinessDays"
            label="Lost after (business days without a scan)"
            hint="Empty: each carrier's own give-up period."
            s={s}
          />
        </fieldset>
        <fieldset>
          <legend>Quiet hours (in the buyer’s time zone)</legend>
          <Check name="quietEnabled" label="Hold notices during quiet hours" s={s} />
          <Hour name="quietStart" label="From" s={s} />
          <Hour name="quietEnd" label="Until" s={s} />
        </fieldset>
        <fieldset>
          <legend>Remedies a delay notice offers</legend>
          <p className="hint">
            Each one is a link in the email. Refunds, reships and coupons open a case and still follow your
            complaint playbook at that moment.
          </p>
          {LEVELS.map(([level, label]) => (
            <div key={level} className="field">
              <strong>{label}</strong>
              {REMEDIES.map(([r, rl]) => (
                <Check key={r} name={`remedy.${level}.${r}`} label={rl} s={s} />
              ))}
              <Err name={`remedies.${level}`} s={s} />
            </div>
          ))}
        </fieldset>
        <fieldset>
          <legend>Apology coupon</legend>
          <Text name="couponPercent" label="Percent of what the buyer paid for the parcel" s={s} />
          <Text
            name="couponAmounts"
            label="Or a fixed amount per currency (wins over the percent)"
            hint="One per line, in minor units: EUR 500 is €5.00."
            s={s}
            textarea
          />
        </fieldset>
        <fieldset>
          <legend>Sender and branding</legend>
          <Text name="senderName" label="Sender name" hint="Empty: the shop's name." s={s} />
          <Text name="replyTo" label="Reply-to address" hint="Empty: the shop's support email." s={s} />
          <Text name="brandColor" label="Brand colour" hint="Buttons and headings, like #1f6f5c." s={s} />
          <p className="hint">
            The logo is set below; without one, the shop&apos;s name in the brand colour heads every email.
          </p>
        </fieldset>
        <button className="button" type="submit">
          Save notice settings
        </button>
      </Form>
      <LogoSection
        logo={logo}
        brandColor={values.brandColor ?? '#1f6f5c'}
        done={logoError ? null : logoDone}
        error={logoError}
      />
    </StaffShell>
  )
}
