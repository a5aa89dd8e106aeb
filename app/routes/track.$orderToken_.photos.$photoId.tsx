import type { LoaderFunctionArgs } from '@remix-run/node'
import { getBuyerContext } from '#app/services/buyer/buyer-context.server'
import { buyerOrderAccess } from '#app/services/buyer/require-buyer.server'
import { readBuyerPhoto } from '#app/services/returns/photos.server'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

/** A photo of the buyer's own order (`?thumb=1` for the small version). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { shop } = await getBuyerContext(request)
  const access = buyerOrderAccess(shop, params.orderToken ?? '', new Date())
  const photoId = params.photoId ?? ''
  if (!access || !UUID.test(photoId)) return new Response('Not found', { status: 404 })
  const thumb = new URL(request.url).searchParams.get('thumb') === '1'
  const photo = await readBuyerPhoto({ ...access, photoId, thumb })
  if (!photo) return new Response('Not found', { status: 404 })
  return new Response(new Uint8Array(photo.bytes), {
    headers: {
      'Content-Type': photo.contentType,
      'Cache-Control': 'private, max-age=3600',
      'X-Content-Type-Options': 'nosniff',
      'Content-Disposition': 'inline',
    },
  })
}
