import type { LoaderFunctionArgs } from '@remix-run/node'
import { staffLabelFileResponse } from '#app/services/resolutions/label-file-response.server'

/** A case's drop-off QR code for staff. */
export function loader({ request, params }: LoaderFunctionArgs) {
  return staffLabelFileResponse({ request, params, file: 'qr' })
}
