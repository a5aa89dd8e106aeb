import type { LoaderFunctionArgs } from '@remix-run/node'
import { requireStaff } from '#app/services/auth/staff-auth.server'
import { readShopLogo } from '#app/services/notices/shop-logo.server'

/** The shop's email logo, for the settings page (its address carries the version, `?v=`). */
export async function loader({ request }: LoaderFunctionArgs) {
  const staff = await requireStaff(request, 'admin')
  const logo = await readShopLogo({ shopId: staff.shopId })
  if (!logo) return new Response('Not found', { status: 404 })
  return new Response(new Uint8Array(logo.bytes), {
    headers: {
      'Content-Type': logo.contentType,
      'Cache-Control': 'private, max-age=3600',
      'X-Content-Type-Options': 'nosniff',
    },
  })
}
