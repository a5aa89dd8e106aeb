import { describe, expect, test } from 'vitest'
import { LOCALES } from '#app/i18n/locales'
import { demoRenderInput } from '#emails/demo-data'
import { brandLogo } from '#emails/logo'
import { en } from '#emails/messages/en'
import { pl } from '#emails/messages/pl'
import { ru } from '#emails/messages/ru'
import { renderEmail } from '#emails/render'
import { TEMPLATE_IDS, templateCategory } from '#emails/types'

describe.each(TEMPLATE_IDS)('%s', (template) => {
  test.each(LOCALES)(
    'renders in %s with a subject, an HTML and a text part, in the brand colour',
    async (locale) => {
      const email = await renderEmail(demoRenderInput(template, locale))
      expect(email.subject.trim()).not.toBe('')
      expect(email.subject).not.toMatch(/\{\w+\}/)
      expect(email.html).toContain(`lang="${locale}"`)
      expect(email.html).toContain('#7a3e9d')
      expect(email.html).toContain('Birch &amp; Bay')
      expect(email.html).not.toMatch(/\{\w+\}/)
      expect(email.text).toContain('Birch & Bay')
      expect(email.text).not.toMatch(/\{\w+\}/)
      expect(email.text.length).toBeGreaterThan(100)
    },
  )

  test('loads nothing from the web: no images, no tracking pixel, no remote styles or scripts', async () => {
    const { html } = await renderEmail(demoRenderInput(template, 'en'))
    expect(html).not.toMatch(/<img\b/i)
    expect(html).not.toMatch(/<script\b/i)
    expect(html).not.toMatch(/<link\b[^>]*stylesheet/i)
    expect(html).not.toMatch(/url\(\s*['"]?https?:/i)
    expect(html).not.toMatch(/background=["']https?:/i)
  })
})

test('with a logo, every email shows it from the message itself (cid:), with the shop name as its text', async () => {
  const logo = brandLogo({ width: 400, height: 100, sha256: 'ab'.repeat(32) })
  expect(logo).toEqual({ cid: 'logo-abababababababab@homebound', width: 200, height: 50 })
  for (const template of TEMPLATE_IDS) {
    const input = demoRenderInput(template, 'en')
    const { html, text } = await renderEmail({ ...input, brand: { ...input.brand, logo } })
    const images = [...html.matchAll(/<img\b[^>]*>/gi)].map((m) => m[0])
    expect(images).toHaveLength(1)
    expect(images[0]).toContain('src="cid:logo-abababababababab@homebound"')
    expect(images[0]).toContain('alt="Birch &amp; Bay"')
    expect(images[0]).toMatch(/width="200"/)
    expect(html).not.toMatch(/src=["']https?:/i)
    expect(text).toContain('Birch & Bay')
  }
})

test('case emails link to the request page and show the order, request number and items', async () => {
  const { html, text } = await renderEmail(demoRenderInput('case-approved', 'en'))
  expect(html).toContain('href="http://localhost:3000/track/demo-token/case/R-1001"')
  expect(text).toContain('R-1001')
  expect(text).toContain('#1003')
  expect(text).toContain('Linen shirt — M × 1')
  expect(text).toContain('€64.05')
})

test('the rejection shows the reason and the question email shows the question', async () => {
  expect((await renderEmail(demoRenderInput('case-rejected', 'en'))).text).toContain('hygiene rules')
  expect((await renderEmail(demoRenderInput('case-needs-info', 'pl'))).text).toContain('photo of the label')
})

test('delivery updates link to the preferences page; case and money emails do not', async () => {
  const delivery = await renderEmail(demoRenderInput('delay', 'ru'))
  expect(delivery.html).toContain('/track/preferences/demo-token')
  expect(delivery.text).toContain('Отключить или включить письма о доставке')
  const caseEmail = await renderEmail(demoRenderInput('case-resolved', 'ru'))
  expect(caseEmail.html).not.toContain('/track/preferences/')
})

test('the delay email gives the plain reason, the new date in the buyer language and the remedies', async () => {
  const { text } = await renderEmail(demoRenderInput('delay', 'pl'))
  expect(text).toContain('UPS zmienił datę doręczenia.')
  expect(text).toMatch(/Nowa przewidywana dostawa: .*9 marca/)
  expect(text).toContain('Wysłanie nowej paczki')
})

test('the delay email links each remedy to its own confirmation page, and says "likely late" plainly', async () => {
  const input = demoRenderInput('delay', 'en')
  const { html, text } = await renderEmail(input)
  expect(html).toContain('/remedy/00000000-0000-4000-8000-000000000000/wait')
  expect(html).toContain('/remedy/00000000-0000-4000-8000-000000000000/reship')
  expect(text).toContain('I will wait for the new date')
  const likely = await renderEmail({
    ...input,
    data: { ...input.data, delayReason: 'predicted_late' } as typeof input.data,
  })
  expect(likely.text).toContain('will likely arrive after the date we gave you')
})

test('a brand colour that is not a plain hex colour cannot reach the style attribute', async () => {
  const input = demoRenderInput('shipped', 'en')
  const { html } = await renderEmail({
    ...input,
    brand: { ...input.brand, brandColor: 'red;background:url(https://evil.example/p.gif)' },
  })
  expect(html).not.toContain('evil.example')
  expect(html).toContain('#1f6f5c')
})

test('only delivery templates are optional for the buyer', () => {
  expect(TEMPLATE_IDS.filter((t) => templateCategory(t) === 'delivery')).toEqual([
    'shipped',
    'out-for-delivery',
    'delivered',
    'failed-attempt',
    'delay',
    'exception',
    'returned-to-sender',
  ])
  expect(templateCategory('case-resolved')).toBe('money')
  expect(templateCategory('case-rejected')).toBe('case')
})

test('the Russian and Polish dictionaries translate every English key', () => {
  for (const dict of [ru, pl]) {
    expect(Object.keys(dict).sort()).toEqual(Object.keys(en).sort())
    for (const [key, value] of Object.entries(dict)) {
      const placeholders = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort()
      expect(placeholders(value), key).toEqual(placeholders(en[key as keyof typeof en]))
    }
  }
})

test('a failed refund, credit or coupon is told plainly, with what happens next and no provider words', async () => {
  const refund = await renderEmail(demoRenderInput('resolution-failed', 'en'))
  expect(refund.subject).toBe('Your refund for request R-1001 did not go through')
  expect(refund.text).toContain('the money has not reached you')
  expect(refund.text).toContain('Birch & Bay has been told and will contact you')
  expect(refund.text).not.toMatch(/stripe|payment_intent|re_/i)
  const coupon = await renderEmail({
    ...demoRenderInput('resolution-failed', 'ru'),
    data: { ...demoRenderInput('resolution-failed', 'ru').data, failedKind: 'coupon' } as never,
  })
  expect(coupon.subject).toBe('Не удалось создать промокод по заявке R-1001')
  expect(templateCategory('resolution-failed')).toBe('money')
})

test.each(LOCALES)(
  'a failed return label or replacement is told in its own words in %s (HTML and text), never as a payment',
  async (locale) => {
    const base = demoRenderInput('resolution-failed', locale)
    const dict = { en, ru, pl }[locale]
    const payment = { en: /refund|payment|money/i, ru: /деньг|платёж/i, pl: /pieniądz|płatnoś/i }[locale]
    const fill = (s: string) => s.replace('{case}', 'R-1001').replace('{order}', '#1003')
    for (const failedKind of ['return_label', 'replacement'] as const) {
      const email = await renderEmail({ ...base, data: { ...base.data, failedKind } as never })
      const body = fill(dict[`resolution-failed.body.${failedKind}`])
      expect(email.subject).toBe(fill(dict[`resolution-failed.subject.${failedKind}`]))
      expect(email.text).toContain(body)
      expect(email.html).toContain(body.replace(/&/g, '&amp;'))
      expect(`${email.subject} ${body}`).not.toMatch(payment)
      expect(email.text).toContain(fill(dict['resolution-failed.next'].replace('{shop}', 'Birch & Bay')))
    }
  },
)

test('the failed label email asks the buyer to keep the items until the label comes', async () => {
  const base = demoRenderInput('resolution-failed', 'en')
  const email = await renderEmail({ ...base, data: { ...base.data, failedKind: 'return_label' } as never })
  expect(email.subject).toBe('We could not create the return label for request R-1001 yet')
  expect(email.text).toContain(
    'We could not create the return label for your request R-1001 (order #1003) yet, so you cannot send the parcel back for now. Please keep the items until the label reaches you.',
  )
  expect(email.text).toContain('Birch & Bay has been told and will contact you to put it right.')
})

test('the label email says how to send the parcel, QR code first for a drop-off, with links and no images', async () => {
  const dropOff = await renderEmail(demoRenderInput('case-label', 'en'))
  expect(dropOff.subject).toBe('Your return label for R-1001')
  expect(dropOff.text).toContain(
    'No printer needed: show the QR code on your request page at a Royal Mail drop-off point',
  )
  expect(dropOff.html).toContain('href="http://localhost:3000/track/demo-token/case/R-1001#return-label"')
  expect(dropOff.html).toContain('href="http://localhost:3000/track/demo-token/case/R-1001/label.pdf"')
  expect(dropOff.text).toContain('RR526027724GB')
  expect(dropOff.text.indexOf('Show my QR code')).toBeGreaterThan(-1)

  const input = demoRenderInput('case-label', 'pl')
  if (input.data.kind !== 'case' || !input.data.label) throw new Error('the demo label email has a label')
  const printed = await renderEmail({
    ...input,
    data: { ...input.data, label: { ...input.data.label, dropOff: false, hasQr: false } },
  })
  expect(printed.text).toContain('Wydrukuj etykietę')
  expect(printed.text).not.toContain('kod QR')
})

describe('the coupon', () => {
  const expected = {
    en: {
      subject: 'Your coupon for request R-1001',
      worth: 'Worth: €25.00',
      useBy: 'Use it by: March 12, 2027',
      howTo: 'Enter the code at checkout. It can be used once, on one order.',
    },
    ru: {
      subject: 'Ваш промокод по заявке R-1001',
      worth: 'Скидка: 25,00 €',
      useBy: 'Действует до: 12 марта 2027 г.',
      howTo: 'Введите промокод при оформлении заказа. Его можно использовать один раз, для одного заказа.',
    },
    pl: {
      subject: 'Twój kod rabatowy do zgłoszenia R-1001',
      worth: 'Wartość: 25,00 €',
      useBy: 'Ważny do: 12 marca 2027',
      howTo: 'Wpisz kod przy składaniu zamówienia. Można go użyć tylko raz, do jednego zamówienia.',
    },
  } as const
  // Intl separates the amount and the currency sign with a no-break space; the test reads plain spaces.
  const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ')

  test.each(LOCALES)(
    'its email in %s shows the code set apart, what it is worth and the date to use it by, in both parts',
    async (locale) => {
      const e = expected[locale]
      const { subject, html, text } = await renderEmail(demoRenderInput('case-coupon', locale))
      expect(subject).toBe(e.subject)
      expect(html).toMatch(/<code[^>]*font-family:[^>]*monospace[^>]*>SORRY-7KQM-W4XD<\/code>/)
      for (const part of [plain(text), plain(html.replace(/<[^>]+>/g, ''))]) {
        expect(part).toContain('SORRY-7KQM-W4XD')
        expect(part).toContain(e.worth)
        expect(part).toContain(e.useBy)
        expect(part).toContain(e.howTo)
      }
      // The code is a line of its own in the text part, easy to copy.
      expect(text.split('\n')).toContain('SORRY-7KQM-W4XD')
      // Its value is said once, as what it is worth, never as money paid out.
      expect(plain(text).match(/25,00 €|€25\.00/g)).toHaveLength(1)
    },
  )

  test.each(LOCALES)(
    'the resolution email in %s carries the coupon when the case has one',
    async (locale) => {
      const input = demoRenderInput('case-resolved', locale)
      const coupon = demoRenderInput('case-coupon', locale).data
      if (input.data.kind !== 'case' || coupon.kind !== 'case') throw new Error('case emails')
      const { text } = await renderEmail({
        ...input,
        data: { ...input.data, resolution: 'coupon', coupon: coupon.coupon ?? null, expectation: null },
      })
      expect(plain(text)).toContain('SORRY-7KQM-W4XD')
      expect(plain(text)).toContain(expected[locale].useBy)
      expect(plain(text)).toContain(expected[locale].worth)
      // Without a coupon it shows none.
      expect((await renderEmail(input)).text).not.toContain('SORRY-')
    },
  )

  test('a coupon kept before its expiry was stored shows the code without a date', async () => {
    const input = demoRenderInput('case-coupon', 'en')
    if (input.data.kind !== 'case' || !input.data.coupon)
      throw new Error('the demo coupon email has a coupon')
    const { text } = await renderEmail({
      ...input,
      data: { ...input.data, coupon: { ...input.data.coupon, expiresAt: null } },
    })
    expect(text).toContain('SORRY-7KQM-W4XD')
    expect(text).not.toContain('Use it by')
  })

  test('is money mail: always sent, never turned off with delivery updates', () => {
    expect(templateCategory('case-coupon')).toBe('money')
  })
})
