import { EMOJI } from "./emoji";

/** Slack's mrkdwn, read into inline pieces that a page draws and a transcript writes as text. */
export type Inline =
  | { t: "text"; v: string }
  | { t: "b" | "i" | "s" | "quote"; c: Inline[] }
  | { t: "code" | "pre"; v: string }
  | { t: "br" }
  | { t: "link"; url: string; label: string }
  | { t: "user"; id: string }
  | { t: "channel"; id: string; name?: string }
  | { t: "date"; seconds: number; format: string; fallback: string }
  | { t: "mention"; name: string }
  | { t: "emoji"; name: string; char: string };

const decode = (s: string) => s.replaceAll("&lt;", "<").replaceAll("&gt;", ">").replaceAll("&amp;", "&");

/** What `<…>` holds: a link, a mention of a person or a channel, a date, @here and the like. */
function angle(inner: string): Inline {
  const [target = "", ...rest] = inner.split("|");
  const label = rest.join("|");
  if (target.startsWith("@")) return { t: "user", id: target.slice(1) };
  if (target.startsWith("#")) return { t: "channel", id: target.slice(1), ...(label ? { name: label } : {}) };
  if (target.startsWith("!date^")) {
    const [, seconds = "0", format = "{date}"] = target.split("^");
    return { t: "date", seconds: Number(seconds), format, fallback: decode(label) };
  }
  if (target.startsWith("!")) return { t: "mention", name: (target.slice(1).split("^")[0] ?? "").replace(/^subteam\^?/, "") };
  return { t: "link", url: decode(target), label: decode(label || target) };
}

const OPENS_AFTER = /[\s([{"'“‘>~*_-]/;

/** Where a `*`, `_` or `~` opened at `at` closes, on the same line; -1 if it does not. */
function closing(s: string, at: number): number {
  const mark = s[at]!;
  if (at > 0 && !OPENS_AFTER.test(s[at - 1]!)) return -1;
  if (!s[at + 1] || /\s/.test(s[at + 1]!)) return -1;
  for (let j = at + 2; j < s.length; j++) {
    if (s[j] === "\n") return -1;
    if (s[j] === mark && !/\s/.test(s[j - 1]!) && (j + 1 === s.length || !/[A-Za-z0-9]/.test(s[j + 1]!))) return j;
  }
  return -1;
}

function inline(s: string): Inline[] {
  const out: Inline[] = [];
  let text = "";
  const flush = () => {
    if (text) out.push({ t: "text", v: decode(text) });
    text = "";
  };
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c === "\n") {
      flush();
      out.push({ t: "br" });
      continue;
    }
    if (c === "<") {
      const end = s.indexOf(">", i);
      if (end > i) {
        flush();
        out.push(angle(s.slice(i + 1, end)));
        i = end;
        continue;
      }
    }
    if (c === "`") {
      const end = s.indexOf("`", i + 1);
      if (end > i + 1) {
        flush();
        out.push({ t: "code", v: decode(s.slice(i + 1, end)) });
        i = end;
        continue;
      }
    }
    if (c === "*" || c === "_" || c === "~") {
      const end = closing(s, i);
      if (end > 0) {
        flush();
        out.push({ t: c === "*" ? "b" : c === "_" ? "i" : "s", c: inline(s.slice(i + 1, end)) });
        i = end;
        continue;
      }
    }
    if (c === ":") {
      const emoji = /^:([a-z0-9_+-]+):/.exec(s.slice(i));
      const char = emoji && EMOJI[emoji[1]!];
      if (emoji && char) {
        flush();
        out.push({ t: "emoji", name: emoji[1]!, char });
        i += emoji[0].length - 1;
        continue;
      }
    }
    text += c;
  }
  flush();
  return out;
}

/** Reads mrkdwn: code blocks (```), quoted lines (>), then the inline marks. */
export function parseMrkdwn(source: string): Inline[] {
  const out: Inline[] = [];
  const parts = source.split("```");
  parts.forEach((part, index) => {
    if (index % 2 === 1 && index < parts.length - 1) return void out.push({ t: "pre", v: decode(part.replace(/^\n/, "")) });
    const text = index % 2 === 1 ? `\`\`\`${part}` : part;
    const lines = text.split("\n");
    let buffer: string[] = [];
    const flush = () => {
      if (buffer.length) out.push(...inline(buffer.join("\n")));
      buffer = [];
    };
    for (const line of lines) {
      const quoted = /^(>|&gt;) ?(.*)$/.exec(line);
      if (!quoted) {
        buffer.push(line);
        continue;
      }
      flush();
      out.push({ t: "quote", c: inline(quoted[2]!) });
    }
    flush();
  });
  return out;
}

const ORDINAL = (n: number) => `${n}${n % 10 === 1 && n !== 11 ? "st" : n % 10 === 2 && n !== 12 ? "nd" : n % 10 === 3 && n !== 13 ? "rd" : "th"}`;

/** `<!date^…>` as Slack writes it for a reader in `timeZone`, at `now`. */
export function formatSlackDate(seconds: number, format: string, now: Date, timeZone?: string): string {
  const at = new Date(seconds * 1000);
  const zone = timeZone ? { timeZone } : {};
  const part = (options: Intl.DateTimeFormatOptions) => new Intl.DateTimeFormat("en-US", { ...zone, ...options }).format(at);
  const ymd = (d: Date) => new Intl.DateTimeFormat("en-CA", { ...zone, year: "numeric", month: "2-digit", day: "2-digit" }).format(d);
  const day = Number(part({ day: "numeric" }));
  const date = `${part({ month: "long" })} ${ORDINAL(day)}, ${part({ year: "numeric" })}`;
  const short = `${part({ month: "short" })} ${day}, ${part({ year: "numeric" })}`;
  const long = `${part({ weekday: "long" })}, ${date}`;
  const relative = (fallback: string) => {
    const days = Math.round((Date.parse(ymd(at)) - Date.parse(ymd(now))) / 86_400_000);
    return days === 0 ? "today" : days === -1 ? "yesterday" : days === 1 ? "tomorrow" : fallback;
  };
  const ago = () => {
    const s = Math.round((now.getTime() - at.getTime()) / 1000);
    const [n, unit] = Math.abs(s) < 60 ? [s, "second"] : Math.abs(s) < 3600 ? [Math.round(s / 60), "minute"] : Math.abs(s) < 86_400 ? [Math.round(s / 3600), "hour"] : [Math.round(s / 86_400), "day"];
    const count = Math.abs(n as number);
    return `${count} ${unit}${count === 1 ? "" : "s"} ${(n as number) >= 0 ? "ago" : "from now"}`;
  };
  const tokens: Record<string, () => string> = {
    date_num: () => ymd(at),
    date: () => date,
    date_short: () => short,
    date_long: () => long,
    date_pretty: () => relative(date),
    date_short_pretty: () => relative(short),
    date_long_pretty: () => relative(long),
    time: () => part({ hour: "numeric", minute: "2-digit" }),
    time_secs: () => part({ hour: "numeric", minute: "2-digit", second: "2-digit" }),
    ago,
  };
  return format.replace(/\{(\w+)\}/g, (whole, name: string) => tokens[name]?.() ?? whole);
}

export interface TextNames {
  person(id: string): string;
  channel(id: string): string;
  now: Date;
  timeZone?: string;
}

/** The pieces as plain text: names for mentions, dates in the reader's zone, emoji as characters. */
export function inlineText(pieces: readonly Inline[], names: TextNames): string {
  return pieces
    .map((p): string => {
      switch (p.t) {
        case "text":
        case "code":
        case "pre":
          return p.v;
        case "b":
        case "i":
        case "s":
          return inlineText(p.c, names);
        case "quote":
          return `> ${inlineText(p.c, names)}\n`;
        case "br":
          return "\n";
        case "link":
          return p.label === p.url ? p.url : `${p.label} (${p.url})`;
        case "user":
          return `@${names.person(p.id)}`;
        case "channel":
          return `#${p.name ?? names.channel(p.id)}`;
        case "date":
          return formatSlackDate(p.seconds, p.format, names.now, names.timeZone);
        case "mention":
          return `@${p.name}`;
        case "emoji":
          return p.char;
      }
    })
    .join("");
}
