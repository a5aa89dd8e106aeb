// The guard behind "never more than what remains refundable", asked at each step that commits a refund:
// planning it at approval, releasing it early, and issuing it (under the order lock, right before the
// provider call). It answers with a sentence support can act on and the buyer can be told.
import { formatOrderNumber } from '#app/domain/orders/order-number'
import { fitRefund } from '#app/domain/resolutions/refundable'
import { createFormatter } from '#app/i18n/format'
import type { Database } from '#db/client'
import * as resolutions from '#db/queries/resolutions'
import type { Transaction } from 'kysely'

const f = createFormatter('en', 'UTC')

/**
 * Null when refunding `amountMinor` on the order keeps its refunds, across all its cases, within what was
 * paid; otherwise the sentence why not. Locks the order row for the rest of the transaction.
 */
export async function refundOverCap(
  trx: Transaction<Database>,
  q: {
    shopId: string
    orderId: string
    amountMinor: number
    /** The resolution being decided, so it is not counted against itself. */
    excludeId: string | null
    /** A case being approved: its own rows (from an earlier approval) are replaced, not added. */
    excludeCaseId?: string | null
    basis: 'committed' | 'issued'
  },
): Promise<string | null> {
  if (q.amountMinor <= 0) return null
  const totals = await resolutions.lockOrderRefundTotals(trx, q)
  if (!totals) return 'The order of this case no longer exists.'
  const fit = fitRefund(totals, q.amountMinor)
  if (fit.ok) return null
  const money = (m: number) => f.money(m, totals.currency)
  const already = totals.refundedMinor
    ? `${money(totals.refundedMinor)} is already refunded or promised, so `
    : ''
  return (
    `Order ${formatOrderNumber(totals.orderNumber)} was paid ${money(fit.paidMinor)}; ${already}` +
    `only ${money(fit.remainingMinor)} remains refundable, not ${money(q.amountMinor)}.`
  )
}
