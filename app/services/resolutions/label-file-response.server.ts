// The HTTP answer for a return label's files (the PDF and the drop-off QR code), shared by the buyer's
// token links and the staff pages: private, never cached by a shared cache, named for a download.
import type { Params } from '@remix-run/react'
import { requireStaff } from '#app/services/auth/staff-auth.server'
import { getBuyerContext } from '#app/services/buyer/buyer-context.server'
import { buyerOrderAccess } from '#app/services/buyer/require-buyer.server'
import { parseCaseNumber } from '#app/services/cases/case-view.server'
import { readReturnLabelFile } from './return-label-view.server'

type File = 'pdf' | 'qr'

function fileResponse(file: Awaited<ReturnType<typeof readReturnLabelFile>>): Response {
  if (!file) return new Response('Not found', { status: 404 })
  return new Response(new Uint8Array(file.bytes), {
    headers: {
      'Content-Type': file.contentType,
      // Opens in the browser's viewer; saving keeps a name that says what it is.
      'Content-Disposition': `inline; filename="${file.filename}"`,
      'Cache-Control': 'private, max-age=3600',
      'X-Content-Type-Options': 'nosniff',
    },
  })
}

/** A file of a return of the buyer's own order (the order's access token is in the path). */
export async function labelFileResponse(input: { request: Request; params: Params; file: File }) {
  const { shop } = await getBuyerContext(input.request)
  const access = buyerOrderAccess(shop, input.params.orderToken ?? '', new Date())
  const caseNumber = parseCaseNumber(input.params.caseNumber)
  if (!access || caseNumber === null) return new Response('Not found', { status: 404 })
  return fileResponse(
    await readReturnLabelFile({
      shopId: access.shopId,
      orderId: access.orderId,
      caseNumber,
      file: input.file,
    }),
  )
}

/** A file of any return of the signed-in agent's shop. */
export async function staffLabelFileResponse(input: { request: Request; params: Params; file: File }) {
  const staff = await requireStaff(input.request, 'agent')
  const caseNumber = parseCaseNumber(input.params.caseNumber)
  if (caseNumber === null) return new Response('Not found', { status: 404 })
  return fileResponse(await readReturnLabelFile({ shopId: staff.shopId, caseNumber, file: input.file }))
}
