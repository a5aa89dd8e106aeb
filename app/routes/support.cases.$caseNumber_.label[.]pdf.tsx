import type { LoaderFunctionArgs } from '@remix-run/node'
import { staffLabelFileResponse } from '#app/services/resolutions/label-file-response.server'

/** A case's return label PDF for staff (to print for a buyer who asks, or to check it). */
export function loader({ request, params }: LoaderFunctionArgs) {
  return staffLabelFileResponse({ request, params, file: 'pdf' })
}
