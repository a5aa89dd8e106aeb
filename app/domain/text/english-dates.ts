// Dates in the plain English sentences the domain rules return beside their i18n keys (for logs, staff
// views and tests). Always UTC, so the same decision reads the same everywhere; buyer-facing text is
// formatted per locale and time zone by the UI instead.

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
]

/** "3 March 2026" */
export function englishDay(d: Date): string {
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`
}

/** "3 March 2026 14:05 UTC" */
export function englishTime(d: Date): string {
  const hh = String(d.getUTCHours()).padStart(2, '0')
  const mm = String(d.getUTCMinutes()).padStart(2, '0')
  return `${englishDay(d)} ${hh}:${mm} UTC`
}
