// English email texts. ru.ts and pl.ts must have exactly these keys (the type checks it).
// `{name}` is replaced by a value, already formatted (dates and money through Intl).

export const en = {
  'common.order': 'Order {order}',
  'common.case': 'Request {case}',
  'common.caseLabel': 'Request',
  'common.orderLabel': 'Order',
  'common.items': 'Items',
  'common.item': '{title} × {quantity}',
  'common.viewCase': 'View your request',
  'common.viewOrder': 'Track your order',
  'common.help': 'Questions? Reply to this email or write to {email}.',
  'common.helpReply': 'Questions? Reply to this email.',
  'common.why': 'You are receiving this email because you ordered from {shop}.',
  'common.preferences': 'Stop or restart delivery update emails',
  'common.carrier': 'Carrier',
  'common.trackingNumber': 'Tracking number',
  'common.eta': 'Expected delivery',
  'common.carrierLink': 'Follow it on the {carrier} website',

  'resolution.label': 'What you get',
  'resolution.refund': 'A refund to your original payment method',
  'resolution.store_credit': 'Store credit',
  'resolution.exchange': 'An exchange',
  'resolution.coupon': 'A discount code',
  'resolution.reship': 'A replacement sent at no cost',
  'amount.expected': 'Amount',
  'amount.issued': 'Issued',

  'case-received.subject': 'We received your request {case} for order {order}',
  'case-received.heading': 'We received your request',
  'case-received.body':
    'Thank you. Your request {case} for order {order} is with our team. We will email you as soon as it has been reviewed.',
  'case-approved.subject': 'Your request {case} is approved',
  'case-approved.heading': 'Your request is approved',
  'case-approved.body': '{shop} approved your request {case}. The next steps are on your request page.',
  'case-rejected.subject': 'About your request {case}',
  'case-rejected.heading': 'We could not approve your request',
  'case-rejected.body': 'We are sorry: {shop} could not approve your request {case} for order {order}.',
  'case-rejected.reason': 'Why',
  'case-needs-info.subject': 'We need more information for your request {case}',
  'case-needs-info.heading': 'We need a little more information',
  'case-needs-info.body': 'To continue with your request {case}, {shop} needs an answer from you.',
  'case-needs-info.question': 'Our question',
  'case-needs-info.action': 'Answer on your request page',
  'case-coupon.subject': 'Your coupon for request {case}',
  'case-coupon.heading': 'Here is your coupon',
  'case-coupon.body': '{shop} has sent you a coupon for your request {case} (order {order}).',
  'coupon.code': 'Your coupon code',
  'coupon.worth': 'Worth',
  'coupon.useBy': 'Use it by',
  'coupon.howTo': 'Enter the code at checkout. It can be used once, on one order.',
  'case-resolved.subject': 'Your request {case} is complete',
  'case-resolved.heading': 'Your request is complete',
  'case-resolved.body': '{shop} has completed your request {case} for order {order}.',
  'expect.refund.approval':
    'Your refund of {amount} is sent once your request is approved — expect it by {date}.',
  'expect.refund.first_scan':
    'Your refund of {amount} is sent when the carrier first scans your parcel — expect it by {date}.',
  'expect.refund.delivered':
    'Your refund of {amount} is sent when your parcel reaches the shop — expect it by {date}.',
  'expect.refund.inspected':
    'Your refund of {amount} is sent once the shop has checked your items — expect it by {date}.',
  'expect.refund.released': 'Your refund of {amount} is on its way — expect it by {date}.',
  'expect.refund.issued':
    'Your refund of {amount} was sent; banks usually show it within five business days — expect it by {date}.',
  'expect.store_credit.approval':
    'Your store credit of {amount} is added once your request is approved — expect it by {date}.',
  'expect.store_credit.first_scan':
    'Your store credit of {amount} is added when the carrier first scans your parcel — expect it by {date}.',
  'expect.store_credit.delivered':
    'Your store credit of {amount} is added when your parcel reaches the shop — expect it by {date}.',
  'expect.store_credit.inspected':
    'Your store credit of {amount} is added once the shop has checked your items — expect it by {date}.',
  'expect.store_credit.released': 'Your store credit of {amount} is being added — expect it by {date}.',
  'expect.coupon.approval':
    'Your coupon worth {amount} is sent once your request is approved — expect it by {date}.',
  'expect.coupon.first_scan':
    'Your coupon worth {amount} is sent when the carrier first scans your parcel — expect it by {date}.',
  'expect.coupon.delivered':
    'Your coupon worth {amount} is sent when your parcel reaches the shop — expect it by {date}.',
  'expect.coupon.inspected':
    'Your coupon worth {amount} is sent once the shop has checked your items — expect it by {date}.',
  'expect.coupon.released': 'Your coupon worth {amount} is on its way — expect it by {date}.',
  'expect.replacement.approval':
    'Your replacement ships once your request is approved — expect it by {date}.',
  'expect.replacement.first_scan':
    'Your replacement ships when the carrier first scans your parcel — expect it by {date}.',
  'expect.replacement.released': 'Your replacement is being shipped — expect it by {date}.',
  'expect.replacement.issued': 'Your replacement is on its way — expect it by {date}.',
  'case-refund-declined.subject': 'About the refund for your request {case}',
  'case-refund-declined.heading': 'We cannot refund this return',
  'case-refund-declined.body':
    '{shop} checked the items of your request {case} for order {order} and cannot give you the refund.',
  'case-refund-declined.reason': 'Why',

  'resolution-failed.subject.refund': 'Your refund for request {case} did not go through',
  'resolution-failed.subject.store_credit': 'Your store credit for request {case} could not be added',
  'resolution-failed.subject.coupon': 'Your coupon for request {case} could not be created',
  'resolution-failed.subject.return_label': 'We could not create the return label for request {case} yet',
  'resolution-failed.subject.replacement': 'Your replacement for request {case} could not be sent yet',
  'resolution-failed.heading': 'Something went wrong, and we are on it',
  'resolution-failed.body.refund':
    'The refund for your request {case} (order {order}) did not go through, so the money has not reached you.',
  'resolution-failed.body.store_credit':
    'We could not add the store credit for your request {case} (order {order}) automatically.',
  'resolution-failed.body.coupon':
    'We could not create the coupon for your request {case} (order {order}) automatically.',
  'resolution-failed.body.return_label':
    'We could not create the return label for your request {case} (order {order}) yet, so you cannot send the parcel back for now. Please keep the items until the label reaches you.',
  'resolution-failed.body.replacement':
    'We could not send the replacement for your request {case} (order {order}) yet.',
  'resolution-failed.next':
    '{shop} has been told and will contact you to put it right. You do not need to do anything.',

  'case-label.subject': 'Your return label for {case}',
  'case-label.heading': 'Your return label is ready',
  'case-label.body':
    '{shop} has made a return label for your request {case} (order {order}). Pack the items and send them back.',
  'case-label.how': 'How to send your parcel',
  'case-label.print':
    'Print the label, stick it on the parcel so the barcode lies flat, and hand it to {carrier} at any drop-off point.',
  'case-label.qr':
    'No printer needed: show the QR code on your request page at a {carrier} drop-off point and they print the label for you.',
  'case-label.printInstead': 'You can also print the label yourself and stick it on the parcel.',
  'case-label.qrToo': 'No printer? Show the QR code on your request page at the drop-off point instead.',
  'case-label.openQr': 'Show my QR code',
  'case-label.openLabel': 'Open my return label',
  'case-label.downloadPdf': 'Download the label (PDF)',
  'case-label.after': 'You can follow the parcel on your request page. We let you know when it arrives.',

  'case-replacement.subject': 'Your replacement for {case} is on its way',
  'case-replacement.heading': 'Your replacement is on its way',
  'case-replacement.body':
    '{shop} has sent the replacement for your request {case} (order {order}). You can follow the parcel with the carrier or on your order page.',

  'shipped.subject': 'Order {order} is on its way',
  'shipped.heading': 'Your order is on its way',
  'shipped.body': '{carrier} has your parcel for order {order}.',
  'out-for-delivery.subject': 'Your parcel for order {order} arrives today',
  'out-for-delivery.heading': 'Out for delivery today',
  'out-for-delivery.body': '{carrier} is delivering your parcel for order {order} today.',
  'delivered.subject': 'Order {order} was delivered',
  'delivered.heading': 'Your parcel was delivered',
  'delivered.body': '{carrier} delivered your parcel on {date}.',
  'delivered.bodyNoDate': '{carrier} delivered your parcel.',
  'delivered.notFound':
    'Cannot find it? Check with your neighbours and around the door; if it is still missing, tell us from your order page.',
  'failed-attempt.subject': 'Delivery attempt failed for order {order}',
  'failed-attempt.heading': '{carrier} could not deliver your parcel',
  'failed-attempt.body': 'They tried to deliver it, but nobody was available to receive it.',
  'failed-attempt.todo': 'What to do',
  'failed-attempt.action':
    '{carrier} usually tries again on the next working day. You can also choose another day or a pickup point on the {carrier} website.',
  'delay.subject': 'Your parcel for order {order} is delayed',
  'delay.heading': 'Your parcel is running late',
  'delay.reason.predicted_late':
    'Parcels like yours with {carrier} have been taking longer than usual, so it will likely arrive after the date we gave you.',
  'delay.reason.eta_revised': '{carrier} has moved the delivery date.',
  'delay.reason.eta_passed': 'The date we gave you has passed and the parcel has not arrived yet.',
  'delay.reason.no_scan': 'The parcel has not been scanned by {carrier} for longer than usual.',
  'delay.reason.not_picked_up': '{carrier} has not collected the parcel yet.',
  'delay.reason.other': '{carrier} is taking longer than expected.',
  'delay.newDate': 'New expected delivery: {date}.',
  'delay.noNewDate': 'The carrier has not given a new date yet. We will email you when it does.',
  'delay.wasDue': 'It was expected {date}.',
  'delay.remedies': 'Choose what suits you best:',
  'remedy.wait': 'I will wait for the new date',
  'remedy.reship': 'A replacement parcel',
  'remedy.refund': 'A refund',
  'remedy.coupon': 'A discount on your next order',
  'exception.subject': 'Action needed for your parcel (order {order})',
  'exception.address.heading': 'There is a problem with the delivery address',
  'exception.address.action':
    'Reply to this email with the correct address so we can sort it out with {carrier}.',
  'exception.customs.heading': 'Your parcel is held at customs',
  'exception.customs.action':
    'This usually takes 1–3 working days. If customs need anything from you, {carrier} will contact you.',
  'exception.damaged.heading': 'Your parcel was damaged in transit',
  'exception.damaged.action':
    '{shop} will make this right with a replacement or a refund. Reply to this email and we will arrange it.',
  'exception.weather.heading': 'Your parcel is delayed by the weather',
  'exception.weather.action':
    'Nothing to do: it continues as soon as it is safe. We will email you when it moves.',
  'exception.other.heading': 'There is a problem with this delivery',
  'exception.other.action':
    'We are watching it. If it is not resolved soon, reply to this email and we will help.',
  'exception.todo': 'What is needed',
  'returned-to-sender.subject': 'Your parcel for order {order} is going back to {shop}',
  'returned-to-sender.heading': 'Your parcel is going back to {shop}',
  'returned-to-sender.body':
    '{carrier} could not deliver it and is returning it to {shop}. We will contact you about a replacement or a refund.',
} as const

export type EmailMessageKey = keyof typeof en
export type EmailMessages = Record<EmailMessageKey, string>
