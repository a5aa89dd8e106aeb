// What the payment provider says about money we issued, and what that means for our record. Two sources
// tell us: the provider's webhooks (a refund that was pending went through, or failed days later) and the
// reconciliation job, which asks the provider directly. Both go through the same rules here, so they
// agree, and so events that arrive twice or out of order converge on the same end: the provider's own
// order is pending → succeeded → failed/canceled for a refund (a card refund can fail after it
// succeeded) and pending → failed/canceled → succeeded for a charge (an attempt that failed can be
// followed by one that succeeds, never the reverse), and a status only ever moves forward along it.
// Pure: records in, decisions and plain sentences out.

/** Our record of an issued resolution, as the rules need it. */
export interface IssuedRecord {
  kind: string
  status: 'waiting' | 'pending' | 'succeeded' | 'failed' | 'canceled'
  /** The provider's id we recorded; null until the provider's answer was recorded. */
  providerId: string | null
  amountMinor: number
  currency: string
  code: string | null
}

/** The provider's view of one thing it holds for us (see ProviderRecord in the payments integration). */
export interface ProviderView {
  providerId: string
  amountMinor: number | null
  currency: string | null
  status: 'pending' | 'succeeded' | 'failed' | 'canceled'
  failureReason: string | null
  /** The provider's own sentence for a failure, when it gives one (a charge's decline message). */
  failureMessage?: string | null
  code: string | null
}

type Rank = Record<ProviderView['status'], number>
/** Money we pay out: a refund can still fail (be returned by the bank) after it succeeded. */
const PAYOUT_RANK: Rank = { pending: 0, succeeded: 1, failed: 2, canceled: 2 }
/** Money we take (a charge): a failed attempt can be followed by a success; a success is final. */
const CHARGE_RANK: Rank = { pending: 0, failed: 1, canceled: 1, succeeded: 2 }

function ranksOf(kind: string | undefined): Rank {
  return kind === 'charge' ? CHARGE_RANK : PAYOUT_RANK
}

/** Where our record stands on the provider's path; null when the provider never took it from us. */
function ourRank(r: Pick<IssuedRecord, 'status' | 'providerId'> & { kind?: string }): number | null {
  if (!r.providerId) return null
  if (r.status === 'pending' || r.status === 'succeeded' || r.status === 'failed') {
    return ranksOf(r.kind)[r.status]
  }
  return null
}

export type StatusChange =
  /** The provider moved it forward: record this status. */
  | { kind: 'advance'; to: 'succeeded' | 'failed'; providerStatus: ProviderView['status'] }
  /** Nothing new (a repeat, or an older status arriving late). */
  | { kind: 'same' }
  /** We have not recorded the provider's answer yet (the issuing job is still at it, or will retry). */
  | { kind: 'not_recorded' }

/**
 * What a status reported by the provider does to our record. A status only moves forward: a late
 * "pending" never undoes "succeeded", a late "succeeded" never undoes "failed".
 */
export function statusChange(
  ours: Pick<IssuedRecord, 'status' | 'providerId'> & { kind?: string },
  reported: ProviderView['status'],
): StatusChange {
  const rank = ourRank(ours)
  if (rank === null) return { kind: 'not_recorded' }
  const incoming = ranksOf(ours.kind)[reported]
  if (incoming <= rank) return { kind: 'same' }
  return { kind: 'advance', to: reported === 'succeeded' ? 'succeeded' : 'failed', providerStatus: reported }
}

const FAILURE_REASONS: Record<string, string> = {
  lost_or_stolen_card: 'the buyer’s card was reported lost or stolen',
  expired_or_canceled_card: 'the buyer’s card has expired or was canceled',
  charge_for_pending_refund_disputed: 'the buyer disputed the payment while the refund was on its way',
  insufficient_funds: 'the shop’s Stripe balance was too low to pay it',
  declined: 'the buyer’s bank declined it',
  merchant_request: 'it was canceled in Stripe at the shop’s request',
}

/**
 * A refund the provider took and then could not pay, in a sentence for support: what happened and why,
 * from the provider's reason code, without the code itself.
 */
export function refundFailureSentence(
  provider: string,
  status: 'failed' | 'canceled',
  failureReason: string | null,
): string {
  const name = providerName(provider)
  const why = failureReason ? FAILURE_REASONS[failureReason] : undefined
  if (status === 'canceled') {
    return `${name} canceled the refund before it was paid${why ? `: ${why}` : ''}. No money reached the buyer.`
  }
  return `${name} could not pay the refund back to the buyer: ${why ?? 'the bank returned it without a reason'}. No money reached the buyer.`
}

/** Stripe's decline codes for a charge, in words (the buyer's card, not the shop's balance). */
const CHARGE_DECLINES: Record<string, string> = {
  insufficient_funds: 'the buyer’s card has insufficient funds',
  card_declined: 'the buyer’s bank declined it',
  generic_decline: 'the buyer’s bank declined it',
  do_not_honor: 'the buyer’s bank declined it',
  expired_card: 'the buyer’s card has expired',
  lost_card: 'the buyer’s card was reported lost',
  stolen_card: 'the buyer’s card was reported stolen',
  authentication_required: 'the buyer’s bank wants them to confirm the payment, and they did not',
  payment_intent_authentication_failure: 'the buyer did not confirm the payment with their bank',
}

/**
 * Stripe's `cancellation_reason` of a PaymentIntent, in words. Set by whoever canceled it (the shop in
 * the dashboard: duplicate, fraudulent, requested_by_customer, abandoned) or by Stripe itself.
 */
const CHARGE_CANCELLATIONS: Record<string, string> = {
  expired: 'it expired before the buyer confirmed it with their bank',
  automatic: 'Stripe closed it because it was not finished in time',
  abandoned: 'it was canceled as abandoned (the buyer did not finish it)',
  requested_by_customer: 'it was canceled in Stripe at the buyer’s request',
  duplicate: 'it was canceled in Stripe as a duplicate',
  fraudulent: 'it was canceled in Stripe as suspected fraud',
}

/**
 * A charge of an exchange's price difference that the provider took and then could not collect, in a
 * sentence for support: for a canceled one why it was canceled, else the provider's own words for why (a
 * decline message is written for people), or what its reason code means; and what that means for the
 * replacement.
 */
export function chargeFailureSentence(
  provider: string,
  status: 'failed' | 'canceled',
  failure: { reason: string | null; message?: string | null; amountMinor: number; currency: string },
): string {
  const name = providerName(provider)
  const amount = formatMinor(failure.amountMinor, failure.currency)
  const said = failure.message?.trim()
  const canceledFor =
    status === 'canceled' && failure.reason ? CHARGE_CANCELLATIONS[failure.reason] : undefined
  const why = canceledFor
    ? `${canceledFor}.`
    : said
      ? `${name} said: “${said.replace(/[.\s]+$/, '')}.”`
      : failure.reason && CHARGE_DECLINES[failure.reason]
        ? `${CHARGE_DECLINES[failure.reason]}.`
        : 'no reason was given.'
  const what =
    status === 'canceled'
      ? `${name} canceled the charge of the price difference (${amount})`
      : `${name} could not charge the buyer the price difference of ${amount}`
  return `${what}: ${why} The replacement is not sent; ask the buyer to pay another way, then send it by hand, or offer a refund instead.`
}

/**
 * The buyer paid an exchange's price difference for a case that had ended (canceled, closed or rejected)
 * before the payment went through: the replacement it paid for will never ship, so the money is owed back.
 * The sentence support reads on the case and in the queue.
 */
export function paidAfterCaseEndedSentence(p: {
  provider: string
  providerId: string | null
  amountMinor: number
  currency: string
  caseNumber: number
  caseState: 'canceled' | 'closed' | 'rejected'
}): string {
  const name = providerName(p.provider)
  const payment = p.providerId ? ` (${name} payment ${p.providerId})` : ''
  return `The buyer paid ${formatMinor(p.amountMinor, p.currency)}${payment} for case R-${p.caseNumber}, which was ${p.caseState}, so the replacement will not be sent: the money should be refunded to the buyer.`
}

export function providerName(provider: string): string {
  if (provider === 'stripe') return 'Stripe'
  if (provider === 'sandbox') return 'The sandbox provider'
  return provider.charAt(0).toUpperCase() + provider.slice(1)
}

/** 2500 EUR minor units → "€25.00"; the exponent comes from the currency. */
export function formatMinor(amountMinor: number, currency: string): string {
  const format = new Intl.NumberFormat('en', { style: 'currency', currency })
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2
  return format.format(amountMinor / 10 ** digits)
}

const WHAT: Record<string, string> = {
  refund: 'refund',
  store_credit: 'store credit',
  coupon: 'coupon',
  charge: 'charge',
}

export type ReconcileVerdict =
  /** The provider agrees with our record. */
  | { kind: 'match' }
  /** The provider moved it forward and we missed the news (a webhook lost or not configured). */
  | { kind: 'advance'; to: 'succeeded' | 'failed'; record: ProviderView }
  /** Not answered yet: the issuing job is still trying (its retry gets the provider's first answer). */
  | { kind: 'in_flight' }
  /** A difference support must look at, in a sentence. */
  | { kind: 'mismatch'; sentence: string }

/**
 * Compares our record of one resolution with everything the provider holds for it: the record with our
 * id, and any other one carrying our metadata or key. Differences in amount, currency, code or status,
 * a record the provider does not have, and money the provider moved that we have no record of are
 * mismatches, each in one sentence (several are joined). A live status behind ours is a mismatch too;
 * an event's status behind ours is only late news.
 */
export function reconcile(
  ours: IssuedRecord,
  provider: string,
  theirs: readonly ProviderView[],
  /** `live`: the provider's state now (reconciliation); false for an event that may be older than ours. */
  options: { live: boolean } = { live: true },
): ReconcileVerdict {
  const name = providerName(provider)
  const what = WHAT[ours.kind] ?? ours.kind.replace('_', ' ')
  const moved = (r: ProviderView) => r.status === 'pending' || r.status === 'succeeded'
  const describe = (r: ProviderView) =>
    `${r.providerId}${r.amountMinor !== null && r.currency ? ` (${formatMinor(r.amountMinor, r.currency)})` : ''}`

  if (!ours.providerId) {
    const extra = theirs.filter(moved)
    if (extra.length === 0)
      return ours.status === 'succeeded'
        ? {
            kind: 'mismatch',
            sentence: `We recorded the ${what} as issued but have no ${name} id for it, and ${name} holds nothing for it.`,
          }
        : { kind: 'match' }
    // Taken by the provider but not recorded yet: the job's next try gets the same answer back.
    if (ours.status === 'pending') return { kind: 'in_flight' }
    return {
      kind: 'mismatch',
      sentence: `${name} holds ${what} ${extra.map(describe).join(', ')} for this case, but we recorded it as ${ours.status === 'failed' ? 'failed' : ours.status}: the buyer may have been paid.`,
    }
  }

  const problems: string[] = []
  const mine = theirs.find((r) => r.providerId === ours.providerId)
  if (!mine) {
    problems.push(`${name} has no ${what} ${ours.providerId}, which we recorded as issued.`)
  } else {
    if (mine.currency && mine.currency !== ours.currency) {
      problems.push(
        `${name}’s ${what} ${mine.providerId} is in ${mine.currency}; we recorded ${ours.currency}.`,
      )
    } else if (mine.amountMinor !== null && mine.amountMinor !== ours.amountMinor) {
      problems.push(
        `${name}’s ${what} ${mine.providerId} is for ${formatMinor(mine.amountMinor, ours.currency)}; we recorded ${formatMinor(ours.amountMinor, ours.currency)}.`,
      )
    }
    if (mine.code && ours.code && mine.code !== ours.code) {
      problems.push(`${name}’s code is ${mine.code}; we gave the buyer ${ours.code}.`)
    }
  }
  const others = theirs.filter((r) => r.providerId !== ours.providerId && moved(r))
  if (others.length) {
    problems.push(
      `${name} also holds ${others.length === 1 ? `another ${what}` : `${others.length} more ${what}s`} for this case that we have no record of: ${others.map(describe).join(', ')}.`,
    )
  }
  if (problems.length) return { kind: 'mismatch', sentence: problems.join(' ') }

  const change = statusChange(ours, mine!.status)
  if (change.kind === 'advance') return { kind: 'advance', to: change.to, record: mine! }
  // Ours is further along than the provider: we recorded a failure it does not show, or the reverse.
  const theirRank = ranksOf(ours.kind)[mine!.status]
  const rank = ourRank(ours)
  if (options.live && rank !== null && theirRank < rank) {
    return {
      kind: 'mismatch',
      sentence: `We recorded the ${what} as ${ours.status}, but ${name} shows it ${mine!.status}.`,
    }
  }
  return { kind: 'match' }
}
