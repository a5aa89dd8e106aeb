// The buyer's coupon from issue to use: the issue-resolution job keeps its expiry on the resolution (a
// year from its release, the same date the provider was sent), the buyer's case page shows the code, what
// it is worth and the date to use it by, staff see the expiry beside the code, and the buyer is emailed
// the code: by its own email when the case is not settled yet, else in the resolution email.
import { createElement, type ComponentProps } from 'react'
import { renderToString } from 'react-dom/server'
import { beforeEach, describe, expect, test, vi } from 'vitest'
import { loader as staffCaseLoader } from '#app/routes/support.cases.$caseNumber'
import BuyerCasePage, { loader as buyerCaseLoader } from '#app/routes/track.$orderToken_.case.$caseNumber'
import { createBuyerToken } from '#app/services/buyer/access-token.server'
import { deliverOutbox } from '#app/services/mail/deliver-outbox.server'
import { getResolutionsPanel } from '#app/services/resolutions/resolutions-view.server'
import type { BuyerCoupon, ResolutionPanelRow } from '#app/services/resolutions/resolutions-view.server'
import { createFormatter } from '#app/i18n/format'
import { db } from '#db/client'
import { findCaseForEmail } from '#db/queries/cases'
import { listNotifications } from '#db/queries/notifications'
import { listCaseResolutions } from '#db/queries/resolutions'
import { listLedgerEntries, recordLedgerEntry } from '#db/queries/sandbox-ledger'
import { createMailer } from '#emails/mailer'
import { fakeStripe, stripeRequests } from '#tests/fakes/stripe'
import { callAction, callLoader, cookieFrom, formRequest, getRequest } from '#tests/helpers/requests'
import { action as loginAction } from '#app/routes/auth.login'
import {
  approveMoneyCase,
  clearJobQueue,
  openMoneyCase,
  runResolutionJobs,
  switchStripeOn,
  type MoneyCase,
} from '#tests/helpers/resolutions'

const DAY = 86_400_000

// The buyer's page rendered as the server renders it, from the loader's own data (no Remix router here).
const rendered = vi.hoisted(() => ({ data: null as unknown }))
vi.mock('@remix-run/react', async (importOriginal) => ({
  ...(await importOriginal<typeof import('@remix-run/react')>()),
  useLoaderData: () => rendered.data,
  useActionData: () => undefined,
  Form: (props: ComponentProps<'form'>) => createElement('form', props),
}))

beforeEach(() => clearJobQueue())

async function issuedCoupon(x: MoneyCase) {
  const rows = await listCaseResolutions(db, x.shop.id, x.case.id)
  const coupon = rows.find((r) => r.kind === 'coupon')
  if (!coupon) throw new Error('no coupon resolution')
  return coupon
}

/** Sends the outbox (captured mail) and returns what the buyer got from `template`. */
async function sentMail(x: MoneyCase, template: string) {
  const mailer = createMailer({ smtpUrl: undefined })
  try {
    await deliverOutbox({ now: new Date(), mailer })
  } finally {
    await mailer.close()
  }
  const rows = await db
    .selectFrom('notifications')
    .select(['template', 'status', 'subject', 'body_html', 'body_text', 'to_email'])
    .where('shop_id', '=', x.shop.id)
    .where('template', '=', template)
    .execute()
  expect(rows).toHaveLength(1)
  expect(rows[0]!.status).toBe('sent')
  return rows[0]!
}

/** The expiry as the buyer's email and page show it: their language, their zone, with the year. */
async function expiryWords(x: MoneyCase, locale: 'en' | 'ru' | 'pl', expiresAt: string) {
  const c = await findCaseForEmail(db, x.shop.id, x.case.id)
  const zone = c?.buyer_timezone ?? 'UTC'
  return createFormatter(locale, zone).dateWithYear(expiresAt)
}

describe('a coupon issued before the case is settled (the parcel is still to come back)', () => {
  test('keeps its expiry, gets its own email with the code, value and date, and no resolution email yet', async () => {
    const x = await openMoneyCase({ valueMinor: 4_500, resolution: 'coupon', returnMethod: 'label' })
    const approved = await approveMoneyCase(x)
    expect(approved.ok).toBe(true)
    await runResolutionJobs()

    const coupon = await issuedCoupon(x)
    expect(coupon.status).toBe('succeeded')
    expect(coupon.code).toMatch(/^SORRY-[A-Z2-9]{4}-[A-Z2-9]{4}$/)
    const expiresAt = (coupon.details as { expiresAt?: string }).expiresAt!
    // A year from its release, to the whole second (what Stripe keeps).
    const expected = Math.floor((new Date(coupon.released_at!).getTime() + 365 * DAY) / 1000) * 1000
    expect(new Date(expiresAt).getTime()).toBe(expected)

    const notices = await listNotifications(db, { shopId: x.shop.id })
    expect(notices.filter((n) => n.template === 'case-coupon')).toEqual([
      expect.objectContaining({ dedupe_key: `case-coupon:${coupon.id}`, to_email: x.order.email }),
    ])
    expect(notices.some((n) => n.template === 'case-resolved')).toBe(false)

    const mail = await sentMail(x, 'case-coupon')
    expect(mail.subject).toBe(`Your coupon for request R-${x.case.number}`)
    const date = await expiryWords(x, 'en', expiresAt)
    for (const part of [mail.body_html!, mail.body_text!]) {
      expect(part).toContain(coupon.code!)
      expect(part).toContain('€45.00')
      expect(part).toContain(date)
    }
    expect(mail.body_html).toMatch(new RegExp(`<code[^>]*>${coupon.code}</code>`))
    expect(mail.body_text).toMatch(/Use it by: /)
  })

  test('the buyer’s case page shows the code, what it is worth and the date to use it by, in their language', async () => {
    const x = await openMoneyCase({
      valueMinor: 4_500,
      resolution: 'coupon',
      returnMethod: 'label',
      locale: 'pl',
    })
    await approveMoneyCase(x)
    await runResolutionJobs()
    const coupon = await issuedCoupon(x)
    const expiresAt = new Date((coupon.details as { expiresAt: string }).expiresAt).toISOString()

    const shop = await db
      .selectFrom('shops')
      .select('portal_host')
      .where('id', '=', x.shop.id)
      .executeTakeFirstOrThrow()
    const token = createBuyerToken({ shopId: x.shop.id, orderId: x.order.id }, new Date())
    const caseNumber = `R-${x.case.number}`
    const page = await callLoader(
      buyerCaseLoader,
      getRequest(`http://${shop.portal_host ?? ''}/track/${token}/case/${caseNumber}?lang=pl`),
      { orderToken: token, caseNumber },
    )
    expect(page.status).toBe(200)
    const data = (await page.json()) as { coupon: BuyerCoupon | null; failures: string[] }
    expect(data.failures).toEqual([])
    expect(data.coupon).toEqual({ code: coupon.code, amountMinor: 4_500, currency: 'EUR', expiresAt })

    // The page: a labelled block with the code large and alone in a <code>, its value and last day.
    rendered.data = data
    const html = renderToString(createElement(BuyerCasePage))
    const block = /<section class="coupon" aria-labelledby="coupon-heading"[^>]*>(.*?)<\/section>/s.exec(
      html,
    )?.[1]
    expect(block).toBeDefined()
    expect(block).toContain('<h2 id="coupon-heading" class="h3">Twój kod rabatowy</h2>')
    expect(block).toContain(`<code class="coupon-code" data-testid="coupon-code">${coupon.code}</code>`)
    expect(block).toMatch(/<dt>Wartość<\/dt><dd data-testid="coupon-worth">45,00\s€<\/dd>/)
    expect(block).toContain(
      `<dt>Ważny do</dt><dd data-testid="coupon-expires"><time dateTime="${expiresAt}">${await expiryWords(x, 'pl', expiresAt)}</time></dd>`,
    )

    // The email in Polish: the same code, value and date.
    const mail = await sentMail(x, 'case-coupon')
    expect(mail.subject).toBe(`Twój kod rabatowy do zgłoszenia ${caseNumber}`)
    expect(mail.body_text).toContain(coupon.code!)
    expect(mail.body_text).toContain(`Ważny do: ${await expiryWords(x, 'pl', expiresAt)}`)
    expect(mail.body_text).toMatch(/Wartość: 45,00\s€/)
  })
})

test('a coupon runs as long as the case’s policy says: 30 days from its release', async () => {
  const x = await openMoneyCase({ valueMinor: 3_000, resolution: 'coupon', couponValidDays: 30 })
  await approveMoneyCase(x)
  await runResolutionJobs()
  const coupon = await issuedCoupon(x)
  const expected = Math.floor((new Date(coupon.released_at!).getTime() + 30 * DAY) / 1000) * 1000
  expect(new Date((coupon.details as { expiresAt: string }).expiresAt).getTime()).toBe(expected)
})

describe('a coupon that settles the case', () => {
  test('the resolution email carries the code, value and expiry; no separate coupon email', async () => {
    const x = await openMoneyCase({ valueMinor: 12_000, resolution: 'coupon', locale: 'ru' })
    await approveMoneyCase(x)
    await runResolutionJobs()
    const coupon = await issuedCoupon(x)
    const expiresAt = (coupon.details as { expiresAt: string }).expiresAt

    const notices = await listNotifications(db, { shopId: x.shop.id })
    expect(notices.some((n) => n.template === 'case-coupon')).toBe(false)
    const resolved = notices.find((n) => n.template === 'case-resolved')
    expect(resolved?.payload).toMatchObject({ code: coupon.code })

    const mail = await sentMail(x, 'case-resolved')
    const date = await expiryWords(x, 'ru', expiresAt)
    for (const part of [mail.body_html!, mail.body_text!]) {
      expect(part).toContain(coupon.code!)
      expect(part).toContain(date)
    }
    expect(mail.body_text).toContain(`Действует до: ${date}`)
    expect(mail.body_text).toMatch(/Скидка: 120,00\s€/)

    // The sandbox booked it for this buyer.
    expect(await listLedgerEntries(db, x.shop.id)).toEqual([
      expect.objectContaining({ kind: 'coupon', reference: coupon.code, buyer_email: x.order.email }),
    ])
  })

  test('staff see the code and its expiry in the resolutions panel', async () => {
    const x = await openMoneyCase({ valueMinor: 12_000, resolution: 'coupon' })
    await approveMoneyCase(x)
    await runResolutionJobs()
    const coupon = await issuedCoupon(x)
    const [row] = await getResolutionsPanel({ shopId: x.shop.id, caseNumber: x.case.number })
    expect(row).toMatchObject({
      kind: 'coupon',
      code: coupon.code,
      expiresAt: new Date((coupon.details as { expiresAt: string }).expiresAt).toISOString(),
    })

    const shop = await db
      .selectFrom('shops')
      .select('portal_host')
      .where('id', '=', x.shop.id)
      .executeTakeFirstOrThrow()
    const agent = x.staff
    const login = await callAction(
      loginAction,
      formRequest(`http://${shop.portal_host ?? ''}/auth/login`, {
        email: agent.email,
        password: agent.password,
      }),
    )
    const cookie = cookieFrom(login)!
    const res = await callLoader(
      staffCaseLoader,
      getRequest(`http://${shop.portal_host ?? ''}/support/cases/R-${x.case.number}`, { cookie }),
      { caseNumber: `R-${x.case.number}` },
    )
    const data = (await res.json()) as { resolutions: ResolutionPanelRow[] }
    expect(data.resolutions.find((r) => r.kind === 'coupon')?.expiresAt).toBe(row!.expiresAt)
  })
})

describe('the sandbox ledger books coupons and credit for their buyer', () => {
  test('store credit carries the buyer’s email; a refund, which goes back to the payment, none', async () => {
    const credit = await openMoneyCase({ valueMinor: 5_000, resolution: 'store_credit' })
    await approveMoneyCase(credit)
    const refund = await openMoneyCase({ valueMinor: 5_000, resolution: 'refund', shopId: credit.shop.id })
    await approveMoneyCase(refund)
    await runResolutionJobs()
    const ledger = await listLedgerEntries(db, credit.shop.id)
    expect(ledger).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'store_credit', buyer_email: credit.order.email }),
        expect.objectContaining({ kind: 'refund', buyer_email: null }),
      ]),
    )
  })

  test('a coupon or credit without its buyer is refused by the database', async () => {
    const x = await openMoneyCase({ valueMinor: 5_000 })
    for (const kind of ['coupon', 'store_credit'] as const) {
      await expect(
        recordLedgerEntry(db, {
          shopId: x.shop.id,
          kind,
          idempotencyKey: `case:${x.case.id}:${kind}`,
          amountMinor: 5_000,
          currency: 'EUR',
          reference: 'SORRY-TEST-TEST',
          buyerEmail: null,
        }),
      ).rejects.toThrow(/sandbox_ledger_buyer_email_check/)
    }
  })
})

describe('through Stripe', () => {
  switchStripeOn()

  test('the promotion code is for the buyer’s customer and expires when the row says', async () => {
    const x = await openMoneyCase({ valueMinor: 6_000, resolution: 'coupon' })
    await approveMoneyCase(x)
    await runResolutionJobs()
    const coupon = await issuedCoupon(x)
    expect(coupon).toMatchObject({ status: 'succeeded', provider: 'stripe' })
    const expiresAt = new Date((coupon.details as { expiresAt: string }).expiresAt)

    const [customer] = fakeStripe.customers()
    expect(customer).toMatchObject({ email: x.order.email })
    const promo = stripeRequests.find((r) => r.method === 'POST' && r.path === '/v1/promotion_codes')
    const made = stripeRequests.find((r) => r.method === 'POST' && r.path === '/v1/coupons')
    expect(promo?.body).toMatchObject({
      customer: customer!.id,
      code: coupon.code,
      expires_at: String(expiresAt.getTime() / 1000),
    })
    expect(made?.body.redeem_by).toBe(String(expiresAt.getTime() / 1000))
    expect(promo?.idempotencyKey).toBe(`case:${x.case.id}:coupon:promotion-code`)
  })
})
