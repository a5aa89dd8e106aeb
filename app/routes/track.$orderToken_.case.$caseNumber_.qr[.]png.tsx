import type { LoaderFunctionArgs } from '@remix-run/node'
import { labelFileResponse } from '#app/services/resolutions/label-file-response.server'

/** The drop-off QR code of the buyer's return, to show at a drop-off point. */
export function loader({ request, params }: LoaderFunctionArgs) {
  return labelFileResponse({ request, params, file: 'qr' })
}
