import type { LoaderFunctionArgs } from '@remix-run/node'
import { requireStaff } from '#app/services/auth/staff-auth.server'
import { readStaffPhoto } from '#app/services/returns/photos.server'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

/** A buyer photo of one of the shop's cases, for staff (`?thumb=1` for the small version). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const staff = await requireStaff(request, 'agent')
  const photoId = params.photoId ?? ''
  if (!UUID.test(photoId)) return new Response('Not found', { status: 404 })
  const thumb = new URL(request.url).searchParams.get('thumb') === '1'
  const photo = await readStaffPhoto({ shopId: staff.shopId, photoId, thumb })
  if (!photo) return new Response('Not found', { status: 404 })
  return new Response(new Uint8Array(photo.bytes), {
    headers: {
      'Content-Type': photo.contentType,
      'Cache-Control': 'private, max-age=3600',
      'X-Content-Type-Options': 'nosniff',
    },
  })
}
