// "What would buyers see?": runs the return rules (saved or still being edited) against one real order
// of the shop, so a merchant sees the effect of a change before saving it. Reads only.
import { evaluateEligibility } from '#app/domain/policy/evaluate-eligibility'
import type { ReturnPolicy } from '#app/domain/policy/policy'
import { db } from '#db/client'
import { findOrderForReturn, toReturnOrder } from '#db/queries/return-orders'

export interface PolicyPreviewItem {
  title: string
  variantTitle: string | null
  quantity: number
  eligible: boolean
  /** What the buyer would be told, in plain English. */
  sentence: string
  /** Last moment to return (ISO); null when nothing has shipped yet. */
  deadline: string | null
}

export interface PolicyPreview {
  orderNumber: number
  currency: string
  items: PolicyPreviewItem[]
}

/**
 * Eligibility of every line of order `orderNumber` under `rules` at `now`; null when the shop has no
 * such order. Return cases do not exist yet, so no order counts any earlier returns.
 */
export async function previewPolicyForOrder(input: {
  shopId: string
  orderNumber: number
  rules: ReturnPolicy
  now: Date
}): Promise<PolicyPreview | null> {
  const row = await findOrderForReturn(db, input.shopId, { orderNumber: input.orderNumber })
  if (!row) return null
  // A preview shows what the rules say about the order itself, before any case is opened on it.
  const order = toReturnOrder(row, { email: row.email, returnsOnThisOrder: 0, alreadyReturnedQty: {} })
  const results = evaluateEligibility({ policy: input.rules, order, now: input.now })
  return {
    orderNumber: row.number,
    currency: row.currency,
    items: row.line_items.map((li, i) => {
      const r = results[i]!
      return {
        title: li.title,
        variantTitle: li.variant_title,
        quantity: li.quantity,
        eligible: r.eligible,
        sentence: r.sentence,
        deadline: r.deadline?.toISOString() ?? null,
      }
    }),
  }
}
