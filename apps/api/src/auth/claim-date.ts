const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;

// Java's Date.toString(): "EEE MMM dd HH:mm:ss zzz yyyy". API Gateway's authorizer runs in UTC, and
// every captured event shows "UTC"; GMT is accepted as the same zone. Other zones are refused rather
// than guessed.
const JAVA_DATE = /^([A-Z][a-z]{2}) ([A-Z][a-z]{2}) (\d{2}) (\d{2}):(\d{2}):(\d{2}) (?:UTC|GMT) (\d{4})$/;
const EPOCH_SECONDS = /^\d{1,11}$/;

/**
 * Reads a time claim as API Gateway's REST authorizer delivers it (`"Tue Jun 18 15:00:04 UTC 2024"`)
 * into epoch seconds. Plain epoch seconds (`"1718722804"`, the HTTP API form) are accepted too, so a
 * gateway that forwards the JWT's numbers unchanged still works.
 * @returns epoch seconds, or `undefined` when the text is not a valid date in either form.
 */
export function parseClaimDate(text: string): number | undefined {
  if (EPOCH_SECONDS.test(text)) return Number(text);
  const m = JAVA_DATE.exec(text);
  if (!m) return undefined;
  const [, dayName, monthName, day, hour, minute, second, year] = m;
  const month = MONTHS.indexOf(monthName as (typeof MONTHS)[number]);
  if (month < 0) return undefined;
  const ms = Date.UTC(Number(year), month, Number(day), Number(hour), Number(minute), Number(second));
  const date = new Date(ms);
  // Reject dates that Date.UTC silently rolled over (Feb 31) and a weekday that does not match.
  if (
    date.getUTCDate() !== Number(day) ||
    date.getUTCMonth() !== month ||
    date.getUTCHours() !== Number(hour) ||
    date.getUTCMinutes() !== Number(minute) ||
    date.getUTCSeconds() !== Number(second) ||
    DAYS[date.getUTCDay()] !== dayName
  ) {
    return undefined;
  }
  return ms / 1000;
}
