import {
  json,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { LoginFormSchema } from '#app/services/auth/login.schema'
import { loginStaff, safeRedirect } from '#app/services/auth/staff-auth.server'

export const meta: MetaFunction = () => [{ title: 'Staff sign in · Homebound' }]

export async function loader({ request }: LoaderFunctionArgs) {
  return json({ redirectTo: safeRedirect(new URL(request.url).searchParams.get('redirectTo')) ?? '' })
}

interface ActionData {
  formError?: string
  fieldErrors?: { email?: string; password?: string }
  email?: string
}

export async function action({ request, context }: ActionFunctionArgs) {
  const raw = Object.fromEntries(
    [...(await request.formData())].map(([k, v]) => [k, typeof v === 'string' ? v : '']),
  )
  if (raw.redirectTo === '') delete raw.redirectTo
  const parsed = LoginFormSchema.safeParse(raw)
  if (!parsed.success) {
    const flat = parsed.error.flatten()
    return json<ActionData>(
      {
        formError: flat.formErrors[0],
        fieldErrors: { email: flat.fieldErrors.email?.[0], password: flat.fieldErrors.password?.[0] },
        email: typeof raw.email === 'string' ? raw.email.slice(0, 254) : undefined,
      },
      { status: 400 },
    )
  }
  const result = await loginStaff({
    request,
    email: parsed.data.email,
    password: parsed.data.password,
    clientIp: (context as { clientIp?: string }).clientIp ?? 'unknown',
    now: new Date(),
  })
  if (!result.ok) {
    return json<ActionData>(
      { formError: result.message, email: parsed.data.email },
      { status: result.code === 'rate_limited' ? 429 : 401 },
    )
  }
  const home = result.role === 'admin' ? '/admin' : '/support'
  return redirect(safeRedirect(parsed.data.redirectTo) ?? home, {
    headers: { 'Set-Cookie': result.setCookie },
  })
}

export default function LoginRoute() {
  const { redirectTo } = useLoaderData<typeof loader>()
  const data = useActionData<ActionData>()
  return (
    <main id="main" className="page narrow">
      <div className="card">
        <h1>Staff sign in</h1>
        <p className="muted">
          For the shop’s admins and support agents. Buyers track orders at <a href="/track">/track</a>.
        </p>
        {data?.formError ? (
          <div className="alert error" role="alert">
            {data.formError}
          </div>
        ) : null}
        <Form method="post" noValidate>
          <input type="hidden" name="redirectTo" value={redirectTo} />
          <div className="field">
            <label htmlFor="email">Email</label>
            <input
              id="email"
              name="email"
              type="email"
              autoComplete="username"
              defaultValue={data?.email}
              aria-invalid={data?.fieldErrors?.email ? 'true' : undefined}
              aria-describedby={data?.fieldErrors?.email ? 'email-error' : undefined}
              required
            />
            {data?.fieldErrors?.email ? (
              <p className="error" id="email-error">
                {data.fieldErrors.email}
              </p>
            ) : null}
          </div>
          <div className="field">
            <label htmlFor="password">Password</label>
            <input
              id="password"
              name="password"
              type="password"
              autoComplete="current-password"
              aria-invalid={data?.fieldErrors?.password ? 'true' : undefined}
              aria-describedby={data?.fieldErrors?.password ? 'password-error' : undefined}
              required
            />
            {data?.fieldErrors?.password ? (
              <p className="error" id="password-error">
                {data.fieldErrors.password}
              </p>
            ) : null}
          </div>
          <button className="button block" type="submit">
            Sign in
          </button>
        </Form>
      </div>
    </main>
  )
}
