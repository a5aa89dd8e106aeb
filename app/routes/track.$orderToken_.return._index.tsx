import { redirect, type LoaderFunctionArgs } from '@remix-run/node'
import { requireBuyerOrder } from '#app/services/buyer/require-buyer.server'
import { getReturnWizard } from '#app/services/returns/return-wizard.server'

/** Start or resume the return: the first step not yet answered. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const token = params.orderToken ?? ''
  const now = new Date()
  const { shopId, orderId } = await requireBuyerOrder(request, token, now)
  const view = await getReturnWizard({ shopId, orderId, now })
  if (!view) throw new Response('Not found', { status: 404 })
  const lang = new URL(request.url).searchParams.get('lang')
  return redirect(
    `/track/${token}/return/${view.firstOpenStep}${lang ? `?lang=${encodeURIComponent(lang)}` : ''}`,
  )
}
