import type { UtcOffset } from "../../config/providers/qoo10";

export type { UtcOffset };

const LOCAL_TIME =
  /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?\s*(Z|[+-]\d{2}:?\d{2})?$/;

/**
 * Turns a provider's local timestamp into ISO 8601 with an explicit zone, e.g.
 * `2026-09-01 10:00:00` read in Taipei ⇒ `2026-09-01T10:00:00+08:00`. A timestamp that already
 * names its zone (`… +0800`, `…Z`) keeps it. Undefined when the text is not a real date-time.
 */
export function localTimeToIso(value: string, offset: UtcOffset): string | undefined {
  const match = LOCAL_TIME.exec(value.trim());
  if (!match) return undefined;
  const [, y, moRaw, dRaw, hRaw, mi, s = "00", fraction, zone] = match;
  const [mo, d, h] = [moRaw, dRaw, hRaw].map((part) => part!.padStart(2, "0")) as [string, string, string];
  const zoneText = zone === undefined ? offset : zone === "Z" ? "Z" : `${zone.slice(0, 3)}:${zone.slice(-2)}`;
  const iso = `${y}-${mo}-${d}T${h}:${mi}:${s}${fraction ? `.${fraction.slice(0, 3).padEnd(3, "0")}` : ""}${zoneText}`;
  if (!isRealDateTime(Number(y), Number(mo), Number(d), Number(h), Number(mi), Number(s))) return undefined;
  return Number.isNaN(Date.parse(iso)) ? undefined : iso;
}

function isRealDateTime(year: number, month: number, day: number, hour: number, minute: number, second: number): boolean {
  if (month < 1 || month > 12 || hour > 23 || minute > 59 || second > 59 || day < 1) return false;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return day <= daysInMonth;
}
