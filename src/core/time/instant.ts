// Instants written by servers. Date.parse is too lenient for untrusted text:
// it reads "Incident 1" as 1 January 2001, rolls 30 February over to 2 March,
// and takes an ISO time without an offset as local time. These parse the
// formats the API and the status page use, with the calendar checked.

/** ms epoch of a calendar instant in UTC, or NaN when a field is out of range (30 February, 24:00). */
export function utcInstant(year: number, month: number, day: number, hour: number, minute: number, second: number): number {
  if (month < 1 || month > 12 || hour > 23 || minute > 59 || second > 59) return NaN;
  const at = Date.UTC(year, month - 1, day, hour, minute, second);
  const check = new Date(at);
  return check.getUTCDate() === day && check.getUTCMonth() === month - 1 ? at : NaN;
}

const RFC3339 = /^\s*(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?([Zz]|([+-])(\d{2}):?(\d{2}))\s*$/;

/** ms epoch of an RFC 3339 timestamp with its offset ("2026-01-01T11:55:00.000-07:00"), or NaN. */
export function parseRfc3339(text: string): number {
  const m = RFC3339.exec(text);
  if (!m) return NaN;
  const local = utcInstant(Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6] ?? 0));
  const offsetMinutes = m[9] === undefined ? 0 : (m[9] === '-' ? -1 : 1) * (Number(m[10]) * 60 + Number(m[11]));
  if (Math.abs(offsetMinutes) > 18 * 60 || Number(m[11] ?? 0) > 59) return NaN;
  const millis = m[7] ? Math.floor(Number(`0${m[7]}`) * 1000) : 0;
  return local + millis - offsetMinutes * 60_000;
}
