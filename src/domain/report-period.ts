const DAY_MS = 86_400_000;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export type Period = { ok: true; from: Date; to: Date } | { ok: false; problem: string };

/**
 * A report's period from `YYYY-MM-DD` dates (UTC days; `to` included). Without dates: the 30 days
 * up to today.
 */
export function reportPeriod(fromText: string | undefined, toText: string | undefined, now: Date): Period {
  for (const [name, text] of [["from", fromText], ["to", toText]] as const) {
    if (text !== undefined && (!DATE.test(text) || Number.isNaN(Date.parse(`${text}T00:00:00Z`)))) return { ok: false, problem: `${name}: expected a date such as 2026-11-01, got "${text}"` };
  }
  const today = Date.parse(`${now.toISOString().slice(0, 10)}T00:00:00Z`);
  const to = toText ? Date.parse(`${toText}T00:00:00Z`) + DAY_MS : today + DAY_MS;
  const from = fromText ? Date.parse(`${fromText}T00:00:00Z`) : to - 30 * DAY_MS;
  if (from >= to) return { ok: false, problem: "from: must be on or before to" };
  return { ok: true, from: new Date(from), to: new Date(to) };
}
