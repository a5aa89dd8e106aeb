import type { LoaderFunctionArgs } from '@remix-run/node'
import { labelFileResponse } from '#app/services/resolutions/label-file-response.server'

/** The buyer's return label PDF, behind the order's access token (the label email links here). */
export function loader({ request, params }: LoaderFunctionArgs) {
  return labelFileResponse({ request, params, file: 'pdf' })
}
