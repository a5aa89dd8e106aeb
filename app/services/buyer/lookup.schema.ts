// The order lookup form. Messages are i18n keys; the route translates them for the buyer.
import { z } from 'zod'
import { normalizeEmail, normalizePostalCode, parseOrderNumber } from '#app/domain/orders/order-number'

export const LookupFormSchema = z
  .object({
    orderNumber: z
      .string({ required_error: 'lookup.error.orderNumberRequired' })
      .trim()
      .min(1, 'lookup.error.orderNumberRequired')
      .max(20, 'lookup.error.orderNumberFormat')
      .transform((v, ctx) => {
        const n = parseOrderNumber(v)
        if (n === null) {
          ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'lookup.error.orderNumberFormat' })
          return z.NEVER
        }
        return n
      }),
    email: z
      .string()
      .trim()
      .max(254, 'lookup.error.emailFormat')
      .optional()
      .transform((v) => (v ? normalizeEmail(v) : undefined))
      .pipe(z.string().email('lookup.error.emailFormat').optional()),
    postalCode: z
      .string()
      .trim()
      .max(16, 'lookup.error.postalCodeFormat')
      .optional()
      .transform((v) => (v ? normalizePostalCode(v) : undefined))
      .pipe(
        z
          .string()
          .regex(/^[A-Z0-9]{2,10}$/, 'lookup.error.postalCodeFormat')
          .optional(),
      ),
    lang: z.string().max(5).optional(),
  })
  .strict('lookup.error.unexpectedField')
  .superRefine((v, ctx) => {
    if (!v.email && !v.postalCode) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['email'], message: 'lookup.error.contactRequired' })
    }
  })
export type LookupForm = z.infer<typeof LookupFormSchema>
