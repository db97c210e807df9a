import { readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { EMOJI } from "../../../src/local-workspace/emoji";
import { formatSlackDate, inlineText, parseMrkdwn } from "../../../src/local-workspace/mrkdwn";

const names = { person: (id: string) => ({ U0MEI: "Mei Lin" })[id] ?? id, channel: () => "refund-requests", now: new Date("2026-12-06T10:00:00Z"), timeZone: "Asia/Taipei" };
const text = (s: string) => inlineText(parseMrkdwn(s), names);

describe("mrkdwn, as the local workspace reads it", () => {
  it("reads bold, italics, strike, code and links, and leaves marks inside words alone", () => {
    expect(parseMrkdwn("*RD-1* · _waiting_ ~old~ `CB1001`")).toEqual([
      { t: "b", c: [{ t: "text", v: "RD-1" }] },
      { t: "text", v: " · " },
      { t: "i", c: [{ t: "text", v: "waiting" }] },
      { t: "text", v: " " },
      { t: "s", c: [{ t: "text", v: "old" }] },
      { t: "text", v: " " },
      { t: "code", v: "CB1001" },
    ]);
    expect(parseMrkdwn("snake_case_name a*b*c")).toEqual([{ t: "text", v: "snake_case_name a*b*c" }]);
    expect(text("<https://example.com|the site> and &lt;b&gt; &amp;")).toBe("the site (https://example.com) and <b> &");
  });

  it("writes people and channels by name, and the emoji the bot uses as characters", () => {
    expect(text(":white_check_mark: Approved by <@U0MEI> in <#C0REQUESTS>")).toBe("✅ Approved by @Mei Lin in #refund-requests");
    expect(text(":not_an_emoji:")).toBe(":not_an_emoji:");
  });

  it("knows every emoji shortcode the bot writes", () => {
    const files = (dir: string): string[] => readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? files(join(dir, f)) : /\.(ts|json)$/.test(f) ? [join(dir, f)] : []));
    // In code a shortcode opens a string; in the catalogs it may sit anywhere in a message.
    const shortcodes = (f: string) => (f.endsWith(".json") ? /(?<![\w:]):([a-z][a-z0-9_]*):(?!\w)/g : /[`"]:([a-z_]+):/g);
    const used = new Set(files("src").filter((f) => !f.includes("generated")).flatMap((f) => [...readFileSync(f, "utf8").matchAll(shortcodes(f))].map((m) => m[1]!)));
    expect(used.size).toBeGreaterThan(10);
    expect([...used].filter((name) => !EMOJI[name])).toEqual([]);
  });

  it("writes <!date^…> in the reader's time zone, today and yesterday as words", () => {
    const seconds = Date.parse("2026-12-06T09:30:00Z") / 1000;
    expect(text(`<!date^${seconds}^{date_short_pretty} {time}|2026-12-06T09:30:00Z>`)).toBe("today 5:30 PM");
    const evening = Date.parse("2026-12-06T20:00:00Z") / 1000;
    expect(formatSlackDate(evening, "{date_short_pretty} {time}", new Date("2026-12-20T00:00:00Z"), "UTC")).toBe("Dec 6, 2026 8:00 PM");
    expect(formatSlackDate(evening, "{date_short_pretty} {time}", new Date("2026-12-20T00:00:00Z"), "Asia/Tokyo")).toBe("Dec 7, 2026 5:00 AM");
    expect(formatSlackDate(seconds, "{date_pretty}", new Date("2026-12-07T10:00:00Z"), "UTC")).toBe("yesterday");
    expect(formatSlackDate(seconds, "{date_num} {date_long}", new Date("2026-12-30T10:00:00Z"), "UTC")).toBe("2026-12-06 Sunday, December 6th, 2026");
  });
});
