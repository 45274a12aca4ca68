// Dates as the service reads them: the date in England (Europe/London), which in summer is a day
// ahead of UTC between midnight and 1 a.m. (docs/architecture.md, "Data").
const england = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' })

// "2026-12-06" for the moment `ms` (now by default).
export const londonDate = (ms = Date.now()) => england.format(new Date(ms))

// The GOV.UK date input's three fields for the moment `ms`: { day: '6', month: '12', year: '2026' }.
export const londonParts = (ms = Date.now()) => {
  const [year, month, day] = londonDate(ms).split('-').map(Number)
  return { day: String(day), month: String(month), year: String(year) }
}
