import { z } from 'zod'
import { RESOLUTIONS, RETURN_REASONS } from '#app/domain/policy/policy'

export const RETURN_METHODS = ['label', 'drop_off', 'keep'] as const
export type ReturnMethod = (typeof RETURN_METHODS)[number]

export const ReturnSelectionSchema = z.object({
  lineItemId: z.string().uuid({ message: 'Pick an item from the order' }),
  quantity: z
    .number({ invalid_type_error: 'Quantity must be a number' })
    .int({ message: 'Quantity must be a whole number' })
    .min(1, { message: 'Return at least 1 of the item' })
    .max(999, { message: 'Quantity can be at most 999' }),
  reason: z.enum(RETURN_REASONS, {
    errorMap: () => ({ message: 'Pick a reason for returning the item' }),
  }),
  note: z.string().max(1000, { message: 'Keep the note under 1000 characters' }).optional(),
})

/** What the buyer submits to start a return. Amounts never come from the buyer: the server computes them. */
export const ReturnRequestSchema = z.object({
  selections: z
    .array(ReturnSelectionSchema)
    .min(1, { message: 'Pick at least one item to return' })
    .max(50, { message: 'A return can have at most 50 items' }),
  resolution: z.enum(RESOLUTIONS, {
    errorMap: () => ({ message: 'Pick how you would like to be paid back' }),
  }),
  returnMethod: z.enum(RETURN_METHODS, {
    errorMap: () => ({ message: 'Pick how you will send the items back' }),
  }),
  /**
   * For an exchange: the variant wanted instead of each returned line (another variant of the same
   * product, in the order's currency, in stock). Prices and the difference are never taken from here.
   */
  exchange: z
    .array(
      z.object({
        lineItemId: z.string().uuid({ message: 'Pick an item from the order' }),
        variantId: z.string().uuid({ message: 'Pick the variant you want instead' }),
      }),
    )
    .max(50)
    .optional(),
  idempotencyKey: z
    .string()
    .min(8, { message: 'Idempotency key must be at least 8 characters' })
    .max(100, { message: 'Idempotency key must be at most 100 characters' })
    .regex(/^[A-Za-z0-9_-]+$/, {
      message: 'Idempotency key may contain only letters, digits, "_" and "-"',
    }),
})
export type ReturnRequest = z.infer<typeof ReturnRequestSchema>
