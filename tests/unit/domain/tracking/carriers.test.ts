import { expect, test } from 'vitest'
import { carrierTrackingUrl } from '#app/domain/tracking/carriers'

test('a carrier tracking link carries the encoded tracking number', () => {
  expect(carrierTrackingUrl('ups', '1Z 999')).toBe('https://www.ups.com/track?tracknum=1Z%20999')
})
