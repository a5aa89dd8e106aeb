// What staff do with the items of a return once they come back, one item at a time: receive it, inspect
// it (as expected, damaged, not as described, missing), and restock or dispose of it. Each is its own
// step with its own record, so an item can be received and never refunded (the refund was declined), or
// refunded and never restocked (money moved at the first scan; the item went to the bin). Refunds are not
// a step here: they follow the release moment the policy chose. Pure: facts in, a decision out.
import type { CaseState } from './case-state'

export const ITEM_CONDITIONS = ['as_expected', 'damaged', 'not_as_described', 'missing'] as const
export type ItemCondition = (typeof ITEM_CONDITIONS)[number]

export const DISPOSITIONS = ['restock', 'dispose'] as const
export type Disposition = (typeof DISPOSITIONS)[number]

export const ITEM_STEPS = ['receive', 'inspect', 'restock', 'dispose'] as const
export type ItemStep = (typeof ITEM_STEPS)[number]

export function isItemCondition(v: unknown): v is ItemCondition {
  return typeof v === 'string' && (ITEM_CONDITIONS as readonly string[]).includes(v)
}

/** An inspection that found something wrong: staff decide what the buyer gets, not the policy's clock. */
export function isProblemCondition(c: ItemCondition | null): boolean {
  return c !== null && c !== 'as_expected'
}

export const CONDITION_LABEL: Record<ItemCondition, string> = {
  as_expected: 'as expected',
  damaged: 'damaged',
  not_as_described: 'not as described',
  missing: 'missing',
}

export interface ReceivingCase {
  state: CaseState
  kind: 'return' | 'complaint'
  returnMethod: 'label' | 'drop_off' | 'keep' | null
}

export interface ReceivingItem {
  keepItem: boolean
  receivedAt: Date | null
  inspectedAt: Date | null
  condition: ItemCondition | null
  disposition: Disposition | null
}

export type StepDecision =
  | { kind: 'apply' }
  /** Already done the same way: a double click or a retried request changes nothing. */
  | { kind: 'noop' }
  | { kind: 'refused'; reason: string }

/** States in which items may be on their way back or in the shop's hands. */
const RECEIVING_STATES: readonly CaseState[] = [
  'approved',
  'awaiting_return',
  'return_in_transit',
  'received',
  'resolved',
]

const STATE_WORD: Partial<Record<CaseState, string>> = {
  requested: 'still waiting for review',
  needs_info: 'waiting for the buyer’s answer',
  rejected: 'rejected',
  canceled: 'canceled',
  closed: 'closed',
}

const DOING: Record<ItemStep, string> = {
  receive: 'received',
  inspect: 'inspected',
  restock: 'restocked',
  dispose: 'disposed of',
}

/** Whether the items of this case travel back to the shop at all. */
export function itemsComeBack(c: Pick<ReceivingCase, 'kind' | 'returnMethod'>): boolean {
  return c.kind === 'return' && (c.returnMethod === 'label' || c.returnMethod === 'drop_off')
}

/** Decides whether staff may take `step` for `item` of case `c` now, with a sentence when they may not. */
export function decideItemStep(c: ReceivingCase, item: ReceivingItem, step: ItemStep): StepDecision {
  if (!itemsComeBack(c)) {
    return {
      kind: 'refused',
      reason:
        c.kind === 'complaint'
          ? 'Nothing comes back for a problem report, so there is nothing to receive or inspect.'
          : 'The buyer keeps the items of this return, so there is nothing to receive or inspect.',
    }
  }
  if (!RECEIVING_STATES.includes(c.state)) {
    const why = STATE_WORD[c.state] ?? c.state.replace('_', ' ')
    const hint = c.state === 'requested' || c.state === 'needs_info' ? ' Approve it first.' : ''
    return {
      kind: 'refused',
      reason: `This case is ${why}, so its items cannot be ${DOING[step]}.${hint}`,
    }
  }
  if (item.keepItem) {
    return { kind: 'refused', reason: 'The buyer keeps this item; it does not come back.' }
  }
  switch (step) {
    case 'receive':
      return item.receivedAt ? { kind: 'noop' } : { kind: 'apply' }
    case 'inspect':
      if (!item.receivedAt) {
        return { kind: 'refused', reason: 'Mark the item received before inspecting it.' }
      }
      if (item.inspectedAt) {
        return {
          kind: 'refused',
          reason: `This item was already inspected (${CONDITION_LABEL[item.condition ?? 'as_expected']}).`,
        }
      }
      return { kind: 'apply' }
    case 'restock':
    case 'dispose':
      if (!item.receivedAt) {
        return { kind: 'refused', reason: `Mark the item received before it is ${DOING[step]}.` }
      }
      if (item.condition === 'missing') {
        return {
          kind: 'refused',
          reason:
            'The inspection found this item missing from the parcel, so it cannot be restocked or disposed of.',
        }
      }
      if (item.disposition) {
        return {
          kind: 'refused',
          reason: `This item was already ${DOING[item.disposition]}; that cannot be done twice or undone here.`,
        }
      }
      return { kind: 'apply' }
  }
}

export type InspectionOutcome =
  /** Items that come back are still to be inspected. */
  | 'waiting'
  /** Every item that comes back was inspected and found as expected: what waits for it is released. */
  | 'release'
  /** An inspection found a problem: nothing is released automatically; staff decide. */
  | 'hold'

/** What the inspections of a case's items mean for what waits for them. */
export function inspectionOutcome(items: readonly ReceivingItem[]): InspectionOutcome {
  const back = items.filter((i) => !i.keepItem)
  if (back.some((i) => isProblemCondition(i.condition))) return 'hold'
  if (back.length > 0 && back.every((i) => i.inspectedAt !== null)) return 'release'
  return 'waiting'
}
