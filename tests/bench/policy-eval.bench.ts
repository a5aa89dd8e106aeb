// How many item eligibility decisions the return-policy rules make per second on one core: the wizard,
// the policy "try it" box and the support console all run them, so they must stay cheap. Orders of 1–6
// items with realistic variety (tags, discounts, taxes, partial returns, dates around the window edge)
// are evaluated under a policy with exclusions, a block list and a discount rule, in this process.
import { DEFAULT_RETURN_POLICY, type ReturnPolicy } from '../../app/domain/policy/policy'
import { evaluateEligibility, type ReturnOrder } from '../../app/domain/policy/evaluate-eligibility'
import { defineBench, metric } from './harness'

const NAME = 'policy-eval'
const DAY = 86_400_000

function makeOrders(count: number, now: Date): ReturnOrder[] {
  let seed = 42
  const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31
  const tags = [['core'], ['final-sale'], ['hygiene'], ['sale', 'linen'], [], ['wool']]
  return Array.from({ length: count }, (_, o) => {
    const items = Array.from({ length: 1 + Math.floor(rand() * 6) }, (_, i) => {
      const quantity = 1 + Math.floor(rand() * 3)
      const unit = 1000 + Math.floor(rand() * 20000)
      return {
        lineItemId: `o${o}-l${i}`,
        sku: `SKU-${Math.floor(rand() * 500)}`,
        productType: ['apparel', 'shoes', 'home'][Math.floor(rand() * 3)]!,
        tags: tags[Math.floor(rand() * tags.length)]!,
        quantity,
        unitPriceMinor: unit,
        lineDiscountMinor: rand() < 0.3 ? Math.floor(unit * quantity * 0.2) : 0,
        taxMinor: Math.floor(unit * quantity * 0.08),
        taxesIncluded: rand() < 0.5,
      }
    })
    const delivered = rand() < 0.9 ? new Date(now.getTime() - Math.floor(rand() * 45) * DAY) : null
    return {
      placedAt: new Date(now.getTime() - 50 * DAY),
      fulfilledAt: new Date(now.getTime() - 48 * DAY),
      deliveredAt: delivered,
      currency: ['USD', 'EUR', 'PLN'][Math.floor(rand() * 3)]!,
      email: `buyer${Math.floor(rand() * 1000)}@example.com`,
      discountMinor: rand() < 0.2 ? 500 : 0,
      items,
      returnsOnThisOrder: rand() < 0.1 ? 1 : 0,
      alreadyReturnedQty: rand() < 0.1 ? { [items[0]!.lineItemId]: 1 } : {},
    }
  })
}

export default defineBench({
  name: NAME,
  async run(ctx) {
    const now = new Date('2026-03-04T12:00:00Z')
    const policy: ReturnPolicy = {
      ...structuredClone(DEFAULT_RETURN_POLICY),
      maxDiscountPercent: 50,
      blockedEmails: Array.from({ length: 200 }, (_, i) => `blocked${i}@example.com`),
      exclusions: { tags: ['hygiene', 'gift-card'], productTypes: ['gift card'], skus: ['SKU-13', 'SKU-77'] },
    }
    const orders = makeOrders(5000, now)
    const itemsPerPass = orders.reduce((n, o) => n + o.items.length, 0)
    const pass = () => {
      let eligible = 0
      for (const order of orders)
        for (const e of evaluateEligibility({ policy, order, now })) if (e.eligible) eligible++
      return eligible
    }
    for (let i = 0; i < 3; i++) pass() // warm-up: JIT
    let items = 0
    let eligible = 0
    const started = performance.now()
    const budgetMs = Math.min(ctx.durationSeconds, 5) * 1000
    while (performance.now() - started < budgetMs) {
      eligible += pass()
      items += itemsPerPass
    }
    const seconds = (performance.now() - started) / 1000
    const perSecond = items / seconds
    ctx.log(
      `${items} item evaluations in ${seconds.toFixed(2)} s (${((eligible / items) * 100).toFixed(0)} % eligible)`,
    )
    return [metric(NAME, 'evals_per_s', Math.round(perSecond), 'evals/s', '>= 50000')]
  },
})
