// The staff receiving steps as the support case page posts them: one `intent` per step, with the item or
// resolution it is about. Parsed in the route; the service checks everything against the case again.
import { z } from 'zod'
import { ITEM_CONDITIONS } from '#app/domain/cases/receiving'

const itemId = z.string().uuid({ message: 'Choose an item of this case.' })

export const RECEIVING_INTENTS = [
  'receive',
  'receive_all',
  'inspect',
  'restock',
  'dispose',
  'release',
  'release_all',
  'decline',
] as const

export const ReceivingStepSchema = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('receive'), itemId }),
  z.object({ intent: z.literal('receive_all') }),
  z.object({
    intent: z.literal('inspect'),
    itemId,
    condition: z.enum(ITEM_CONDITIONS, {
      errorMap: () => ({
        message: 'Choose the condition: as expected, damaged, not as described or missing.',
      }),
    }),
    note: z.string().max(2000, 'Keep the note under 2000 characters.').optional(),
  }),
  z.object({ intent: z.literal('restock'), itemId }),
  z.object({ intent: z.literal('dispose'), itemId }),
  z.object({
    intent: z.literal('release'),
    resolutionId: z.string().uuid({ message: 'Choose what to release.' }),
  }),
  z.object({ intent: z.literal('release_all') }),
  z.object({
    intent: z.literal('decline'),
    reason: z.string().max(2000, 'Keep the reason under 2000 characters.'),
  }),
])
export type ReceivingStep = z.infer<typeof ReceivingStepSchema>

export function isReceivingIntent(v: unknown): boolean {
  return typeof v === 'string' && (RECEIVING_INTENTS as readonly string[]).includes(v)
}
