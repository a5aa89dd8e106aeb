import { redirect, type ActionFunctionArgs } from '@remix-run/node'
import { logoutStaff } from '#app/services/auth/staff-auth.server'

// Signing out changes state, so it is a POST (a link or prefetch must not sign anyone out).
export async function action({ request }: ActionFunctionArgs) {
  return redirect('/auth/login', { headers: { 'Set-Cookie': await logoutStaff(request) } })
}

export const loader = () => redirect('/auth/login')
