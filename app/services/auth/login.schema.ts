import { z } from 'zod'

export const LoginFormSchema = z
  .object({
    email: z
      .string()
      .trim()
      .toLowerCase()
      .min(1, 'Enter your email address.')
      .max(254, 'That email address is too long.')
      .email('Enter a valid email address.'),
    password: z.string().min(1, 'Enter your password.').max(200, 'That password is too long.'),
    redirectTo: z.string().max(500).optional(),
  })
  .strict('The form sent a field it does not know. Reload the page and try again.')
