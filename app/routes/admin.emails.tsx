import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { EmailView } from '#app/components/email-view'
import { StaffShell } from '#app/components/staff-shell'
import { LOCALE_NAMES, LOCALES } from '#app/i18n/locales'
import { requireStaff } from '#app/services/auth/staff-auth.server'
import { previewTemplate, TEMPLATE_IDS } from '#app/services/mail/outbox.server'

export const meta: MetaFunction = () => [{ title: 'Email templates · Homebound' }]

// NOTE: built inside the loader: its lists come from a .server module, empty in the browser bundle.
const querySchema = () =>
  z
    .object({
      template: z
        .enum(TEMPLATE_IDS, { message: `template must be one of: ${TEMPLATE_IDS.join(', ')}` })
        .default('case-received'),
      lang: z.enum(LOCALES, { message: `lang must be one of: ${LOCALES.join(', ')}` }).default('en'),
    })
    .strict()

export async function loader({ request }: LoaderFunctionArgs) {
  const staff = await requireStaff(request, 'admin')
  const parsed = querySchema().safeParse(Object.fromEntries(new URL(request.url).searchParams))
  if (!parsed.success) {
    throw json({ message: parsed.error.issues.map((i) => i.message).join('; ') }, { status: 400 })
  }
  const email = await previewTemplate({
    shopId: staff.shopId,
    template: parsed.data.template,
    locale: parsed.data.lang,
  })
  return json(
    { staff, ...parsed.data, email, templates: TEMPLATE_IDS },
    { headers: { 'Cache-Control': 'private, no-store' } },
  )
}

export default function EmailTemplates() {
  // NOTE: the list comes through loader data: .server modules are empty in the browser bundle.
  const { staff, template, lang, email, templates } = useLoaderData<typeof loader>()
  return (
    <StaffShell shopName={staff.shopName} staffName={staff.name} role={staff.role}>
      <h1>Email templates</h1>
      <p className="muted">
        Every email the buyer can get, with demo data and your shop&apos;s branding, in each language.
      </p>
      <Form method="get" className="card">
        <div className="field">
          <label htmlFor="template">Template</label>
          <select id="template" name="template" defaultValue={template}>
            {templates.map((t) => (
              <option key={t} value={t}>
                {t}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="lang">Language</label>
          <select id="lang" name="lang" defaultValue={lang}>
            {LOCALES.map((l) => (
              <option key={l} value={l}>
                {LOCALE_NAMES[l]}
              </option>
            ))}
          </select>
        </div>
        <button type="submit">Show</button>
      </Form>
      <h2>Subject: {email.subject}</h2>
      <EmailView subject={email.subject} html={email.html} text={email.text} />
    </StaffShell>
  )
}
