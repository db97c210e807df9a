/** `YYYY-MM-DD HH:MM:SS` in Japan (UTC+9, no DST), as QAPI writes dates. */
export function japanLocal(date: Date): string {
  return new Date(date.getTime() + 9 * 3600 * 1000).toISOString().slice(0, 19).replace("T", " ");
}

/** `yyyyMMdd[HHmmss]` Japan local ⇒ epoch ms (only used to compare dates inside the fake). */
export function compactToMs(compact: string): number {
  const c = compact.padEnd(14, "0");
  return Date.UTC(Number(c.slice(0, 4)), Number(c.slice(4, 6)) - 1, Number(c.slice(6, 8)), Number(c.slice(8, 10)), Number(c.slice(10, 12)), Number(c.slice(12, 14)));
}
