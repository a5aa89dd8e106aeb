// English texts of delivery notices on the buyer pages: "likely late" and the delay notice's remedy
// page. notices.ru.ts and notices.pl.ts must have exactly these keys; en.ts merges them in.

export const noticesEn = {
  'delay.predicted_late.title': 'Your parcel will likely be late',
  'delay.predicted_late.body':
    'Parcels with {carrier} on this route have been taking longer than usual, so it will probably arrive after {expectedBy}.',
  'delay.predicted_late.next':
    'Nothing to do yet: we are watching it and will email you if it slips further.',
  'remedy.wait': 'Wait for the new date',
  'remedy.wait.hint': 'Nothing changes; we keep watching the parcel for you.',
  'noticeRemedy.title': 'Your choice for order {number}',
  'noticeRemedy.parcel': 'Parcel with {carrier}, tracking number {tracking}',
  'noticeRemedy.level.on_time': 'The parcel is on its way and on time.',
  'noticeRemedy.level.at_risk': 'The parcel may arrive later than planned.',
  'noticeRemedy.level.late': 'The parcel is late.',
  'noticeRemedy.level.stalled': 'The parcel has not moved for longer than usual.',
  'noticeRemedy.level.exception': 'The carrier reported a problem with the parcel.',
  'noticeRemedy.level.lost': 'The parcel appears to be lost.',
  'noticeRemedy.newDate': 'New expected delivery: {date}.',
  'noticeRemedy.noNewDate': 'The carrier has not given a new date yet.',
  'noticeRemedy.wasDue': 'It was expected by {date}.',
  'noticeRemedy.chosen': 'You chose: {remedy}',
  'noticeRemedy.amount': 'Amount: {amount}',
  'noticeRemedy.caseNote':
    'Confirming opens a request our team can see; you can follow it on your order page.',
  'noticeRemedy.confirm': 'Confirm',
  'noticeRemedy.confirmWait': 'Yes, I will wait',
  'noticeRemedy.notOffered':
    'This option is not available for this parcel right now (for example, it is moving again or has been delivered).',
  'noticeRemedy.reportProblem': 'Report a problem with this order',
  'noticeRemedy.waitThanks':
    'Thank you for your patience. We keep watching the parcel and will email you if anything changes.',
} as const
