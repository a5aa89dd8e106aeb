// The return wizard's answers as kept in its draft, and the steps that collect them. Only choices are
// stored: no price, amount or eligibility ever comes from the browser; the server recomputes them.
import { z } from 'zod'
import { RESOLUTIONS, RETURN_REASONS } from '#app/domain/policy/policy'
import { RETURN_METHODS } from '#app/services/cases/cases.schema'

export const RETURN_STEPS = ['items', 'reasons', 'resolution', 'method', 'review'] as const
export type ReturnStep = (typeof RETURN_STEPS)[number]

export function isReturnStep(value: unknown): value is ReturnStep {
  return typeof value === 'string' && (RETURN_STEPS as readonly string[]).includes(value)
}

export const ReturnAnswersSchema = z.object({
  items: z
    .array(z.object({ lineItemId: z.string().uuid(), quantity: z.number().int().min(1).max(999) }))
    .max(50)
    .default([]),
  reasons: z
    .record(
      z.string().uuid(),
      z.object({ reason: z.enum(RETURN_REASONS), note: z.string().max(1000).optional() }),
    )
    .default({}),
  resolution: z.enum(RESOLUTIONS).optional(),
  /** An exchange: the variant chosen instead of each returned line (line item id → variant id). */
  exchange: z.record(z.string().uuid(), z.string().uuid()).default({}),
  returnMethod: z.enum(RETURN_METHODS).optional(),
})
export type ReturnAnswers = z.infer<typeof ReturnAnswersSchema>

/** A draft's stored answers, or empty answers when they no longer parse (an older shape). */
export function readReturnAnswers(stored: unknown): ReturnAnswers {
  const parsed = ReturnAnswersSchema.safeParse(stored)
  return parsed.success ? parsed.data : ReturnAnswersSchema.parse({})
}
