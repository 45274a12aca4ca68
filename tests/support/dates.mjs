// Dates as the service reads them: the date in England (Europe/London), which in summer is a day
// ahead of UTC between midnight and 1 a.m. (docs/architecture.md, "Data").
const england = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' })

// "2026-12-06" for the moment `ms` (now by default).
export const londonDate = (ms = Date.now()) => england.format(new Date(ms))
