// English buyer texts. ru.ts and pl.ts must have exactly these keys (the type checks it).
// `{name}` is replaced by a value; a plural entry picks its form with Intl.PluralRules.

import { casesEn } from './cases.en'
import { noticesEn } from './notices.en'

export const en = {
  ...casesEn,
  ...noticesEn,
  'meta.title.lookup': 'Track your order',
  'meta.title.order': 'Order {number}',
  'meta.title.help': 'How tracking works',
  'nav.language': 'Language',
  'nav.skip': 'Skip to content',
  'footer.poweredBy': 'Order tracking by Homebound',
  'footer.help': 'How tracking works',

  'lookup.heading': 'Track your order',
  'lookup.intro': 'Enter your order number and the email address you ordered with.',
  'lookup.orderNumber': 'Order number',
  'lookup.orderNumberHint': 'It is in your order confirmation email, for example #1001.',
  'lookup.email': 'Email address',
  'lookup.usePostalCode': 'No access to that email? Use your postal code instead',
  'lookup.postalCode': 'Delivery postal code',
  'lookup.postalCodeHint': 'The postal code of the address the order is going to.',
  'lookup.submit': 'Find my order',
  'lookup.continue': 'Continue to order {number}',
  'lookup.error.notFound':
    'We could not find an order with those details. Check the order number and the email or postal code from your confirmation email.',
  'lookup.error.orderNumberRequired': 'Enter your order number.',
  'lookup.error.orderNumberFormat': 'Enter the order number as digits, for example #1001.',
  'lookup.error.emailFormat': 'Enter a valid email address, for example name@example.com.',
  'lookup.error.postalCodeFormat':
    'Enter the postal code with letters and digits only, for example 00-950 or SW1A 1AA.',
  'lookup.error.contactRequired': 'Enter the email address you ordered with, or the delivery postal code.',
  'lookup.error.unexpectedField': 'The form sent a field it does not know. Reload the page and try again.',
  'lookup.error.badToken': 'That link has expired or is not valid. Look up your order again below.',
  'lookup.error.formProblem': 'Please correct the highlighted field.',
  'ratelimit.heading': 'Too many attempts',
  'ratelimit.body':
    'To keep orders private, lookups are paused for a while after several failed tries. Please try again {in} (after {time}).',
  'ratelimit.back': 'Back to order lookup',

  'order.heading': 'Order {number}',
  'order.placed': 'Placed on {date}',
  'order.shipTo': 'Delivering to {place}',
  'order.parcels': { one: '{count} parcel', other: '{count} parcels' },
  'order.summary.allDelivered': 'Everything in this order has been delivered.',
  'order.summary.onTheWay': 'Your order is on its way.',
  'order.summary.attention': 'One or more parcels need your attention.',
  'order.summary.notShipped': 'Your order has not shipped yet. We will email you as soon as it does.',
  'order.help': 'Questions about this order? Email {email}.',
  'order.lookupAnother': 'Track another order',

  'parcel.replacementFor': 'Replacement for {case}',
  'parcel.heading': 'Parcel {index} of {total}',
  'parcel.headingSingle': 'Your parcel',
  'parcel.via': 'Shipped with {carrier}',
  'parcel.trackingNumber': 'Tracking number',
  'parcel.carrierLink': 'Open on the {carrier} website',
  'parcel.carrierLinkNewTab': '(opens in a new tab)',
  'parcel.eta': 'Estimated delivery',
  'parcel.etaPassed': 'Was due',
  'parcel.etaOriginal': 'originally {date}',
  'parcel.etaUnknown': 'The carrier has not given a delivery date yet.',
  'parcel.deliveredOn': 'Delivered {date} at {time}',
  'parcel.lastUpdate': 'Last update {dateTime}',
  'parcel.items': 'In this parcel',
  'parcel.quantity': 'Quantity {count}',
  'parcel.history': 'Tracking history',
  'parcel.historyZone': 'Times shown in {zone}.',
  'parcel.noEvents': 'No scans yet. The carrier will scan the parcel when they collect it.',
  'parcel.originalText': 'Carrier: “{text}”',

  'steps.label': 'Delivery progress',
  'steps.label_created': 'Label created',
  'steps.in_transit': 'On its way',
  'steps.out_for_delivery': 'Out for delivery',
  'steps.delivered': 'Delivered',
  'steps.returning': 'Returning to sender',
  'steps.done': 'done',
  'steps.current': 'current step',
  'steps.todo': 'not yet',

  'status.pre_transit': 'Label created, waiting for the carrier to collect it',
  'status.in_transit': 'On its way',
  'status.out_for_delivery': 'Out for delivery today',
  'status.available_for_pickup': 'Ready to collect at a pickup point',
  'status.delivered': 'Delivered',
  'status.failed_attempt': 'Delivery attempt missed',
  'status.exception': 'Delivery problem',
  'status.returned_to_sender': 'Returned to sender',
  'status.lost': 'Lost by the carrier',
  'status.unknown': 'Status update',
  'exception.address': 'Address problem',
  'exception.customs': 'Held at customs',
  'exception.damaged': 'Damaged in transit',
  'exception.weather': 'Weather delay',
  'exception.other': 'Carrier problem',

  'unshipped.heading': 'Not shipped yet',
  'prefs.title': 'Email preferences',
  'prefs.intro': 'Choose which emails {shop} sends to {email}.',
  'prefs.deliveryUpdates': 'Email me delivery updates',
  'prefs.deliveryHint': 'When your parcel ships, is out for delivery, arrives, or runs into a problem.',
  'prefs.always':
    'Emails about a return or complaint you started, and about refunds or credit, are always sent.',
  'prefs.save': 'Save preferences',
  'prefs.saved': 'Saved. Delivery updates are now {state}.',
  'prefs.on': 'on',
  'prefs.off': 'off',
  'prefs.badLink': 'This link is not valid. Use the link from one of our emails.',
  'unshipped.body': 'These items have not shipped yet. We will email you a tracking link when they do.',

  'delay.eta_revised.title': 'Your parcel is running late',
  'delay.eta_revised.body':
    '{carrier} now expects to deliver it on {newDate}, not {expectedBy} as first planned.',
  'delay.eta_revised.next':
    'You do not need to do anything. We are watching it and will email you if the date changes again.',
  'delay.eta_passed.title': 'Your parcel is late',
  'delay.eta_passed.body':
    'It was due by {expectedBy} and has not arrived. {carrier} has not given a new date yet.',
  'delay.eta_passed.next': 'We are watching it and will email you as soon as the carrier gives a new date.',
  'delay.no_scan.title': 'Your parcel has not moved since {silentSince}',
  'delay.no_scan.body': 'The last scan was {silentSinceTime}. That is longer than usual for {carrier}.',
  'delay.no_scan.next':
    'We will email you as soon as it moves. If there is still no news by {escalatesAt}, {shop} will treat it as lost and arrange a replacement or a refund.',
  'delay.not_picked_up.title': 'Waiting for {carrier} to collect your parcel',
  'delay.not_picked_up.body':
    'The shipping label was created {silentSinceTime}, but {carrier} has not scanned the parcel yet.',
  'delay.not_picked_up.next':
    'We will email you when it is on its way. If it has not moved by {escalatesAt}, {shop} will arrange a replacement or a refund.',
  'delay.failed_attempt.title': '{carrier} could not deliver your parcel',
  'delay.failed_attempt.body': 'They tried on {lastScan} but nobody was available to receive it.',
  'delay.failed_attempt.next':
    'They usually try again on the next working day. You can also choose another day or a pickup point on the {carrier} website.',
  'delay.exception.address.title': 'There is a problem with the delivery address',
  'delay.exception.address.body': '{carrier} could not deliver the parcel to the address on the order.',
  'delay.exception.address.next':
    'Reply to your order email or write to {email} with the correct address so we can sort it out with {carrier}.',
  'delay.exception.customs.title': 'Your parcel is held at customs',
  'delay.exception.customs.body': 'Customs are checking the parcel before it can continue.',
  'delay.exception.customs.next':
    'This usually takes 1–3 working days. If customs need anything from you, {carrier} will contact you.',
  'delay.exception.damaged.title': 'Your parcel was damaged in transit',
  'delay.exception.damaged.body': '{carrier} reported damage to the parcel.',
  'delay.exception.damaged.next':
    '{shop} will make this right with a replacement or a refund. Write to {email} and we will arrange it.',
  'delay.exception.weather.title': 'Your parcel is delayed by the weather',
  'delay.exception.weather.body': '{carrier} has paused deliveries in the area for safety.',
  'delay.exception.weather.next': 'It will continue as soon as it is safe. We will email you when it moves.',
  'delay.exception.other.title': 'There is a problem with this delivery',
  'delay.exception.other.body': '{carrier} reported a problem with the parcel.',
  'delay.exception.other.next':
    'We are watching it. If it is not resolved soon, write to {email} and we will help.',
  'delay.returned_to_sender.title': 'Your parcel is going back to {shop}',
  'delay.returned_to_sender.body': '{carrier} could not deliver it and is returning it to us.',
  'delay.returned_to_sender.next':
    'Once it arrives we will contact you to resend it or refund you. Write to {email} if you prefer one or the other.',
  'delay.lost.title': 'Your parcel appears to be lost',
  'delay.lost.body': '{carrier} has had no news of it since {silentSince}.',
  'delay.lost.next':
    '{shop} will send a replacement or a refund. Write to {email} and we will arrange it straight away.',
  'delay.newDate': 'New estimated delivery: {date}',

  'error.notFound.title': 'Page not found',
  'error.notFound.body':
    'There is no page at this address. If you followed a link from an email, it may have been cut short.',
  'error.server.title': 'Sorry, something went wrong',
  'error.server.body': 'Something went wrong on our side. Please try again in a moment.',
  'error.request.title': 'That request could not be completed',
  'error.request.body': 'Please go back and try again.',
  'error.back': 'Go to order tracking',

  'help.heading': 'How tracking works',
  'help.p1':
    'Enter your order number and email address on the tracking page to see every parcel in your order, where it is now, and when it should arrive.',
  'help.p2':
    'We check with the carrier regularly. If a parcel is late, stops moving or runs into a problem, the order page says so at the top, with what happens next and a new date when the carrier gives one.',
  'help.p3':
    'Times are shown in your time zone. Tracking links in our emails open your order directly; they expire after a while for your privacy.',
  'help.back': 'Track an order',
} as const

type Plural = { readonly one?: string; readonly few?: string; readonly many?: string; readonly other: string }
export type MessageKey = keyof typeof en
export type Messages = { readonly [K in MessageKey]: (typeof en)[K] extends string ? string : Plural }
