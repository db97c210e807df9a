import { describe, expect, it } from "vitest";
import { SlackUserLocales } from "../../../src/slack/user-locales";

const HOUR = 3_600_000;

/** A users.info that answers each user's Slack locale, counts its calls, and fails when told to. */
function fakeSlack(locales: Record<string, string | undefined>) {
  const calls: { user: string; include_locale?: boolean }[] = [];
  let failing = false;
  let answer: ((value: unknown) => void) | undefined;
  let holding = false;
  const slack = {
    users: {
      info: async (args: { user: string; include_locale?: boolean }) => {
        calls.push(args);
        if (holding) await new Promise((resolve) => (answer = resolve));
        if (failing) throw new Error("slack_webapi_platform_error: user_not_found");
        return { ok: true, user: { id: args.user, ...(locales[args.user] ? { locale: locales[args.user] } : {}) } };
      },
    },
  };
  return {
    slack: slack as never,
    calls,
    fail: (value: boolean) => (failing = value),
    hold: () => (holding = true),
    release: () => {
      holding = false;
      answer?.(undefined);
    },
  };
}

function clock(start = 1_000_000) {
  let now = start;
  return { now: () => now, pass: (ms: number) => (now += ms) };
}

describe("a user's language", () => {
  it("is Slack's locale as one of the bot's languages, asked with include_locale", async () => {
    const fake = fakeSlack({ U1: "ja-JP", U2: "zh-TW", U3: "zh-CN", U4: "fr-FR" });
    const locales = new SlackUserLocales(fake.slack, { teamLocale: "en" });
    expect(await Promise.all(["U1", "U2", "U3", "U4"].map((u) => locales.localeOf(u)))).toEqual(["ja", "zh-TW", "zh-CN", "en"]);
    expect(fake.calls[0]).toEqual({ user: "U1", include_locale: true });
  });

  it("is known at once, without asking Slack again, within the hour", async () => {
    const fake = fakeSlack({ U1: "ja-JP" });
    const time = clock();
    const locales = new SlackUserLocales(fake.slack, { teamLocale: "en", now: time.now });
    expect(await locales.localeOf("U1")).toBe("ja");
    time.pass(HOUR - 1);
    expect(locales.localeOf("U1")).toBe("ja"); // a value, not a promise: no wait on the interaction's path
    expect(fake.calls).toHaveLength(1);
  });

  it("is asked again after the hour, and a changed language is then used", async () => {
    const slackLocales = { U1: "ja-JP" };
    const fake = fakeSlack(slackLocales);
    const time = clock();
    const locales = new SlackUserLocales(fake.slack, { teamLocale: "en", now: time.now });
    expect(await locales.localeOf("U1")).toBe("ja");
    slackLocales.U1 = "zh-TW";
    time.pass(HOUR);
    expect(await locales.localeOf("U1")).toBe("zh-TW");
    expect(fake.calls).toHaveLength(2);
  });

  it("is asked again once forgotten (Slack's user_change)", async () => {
    const fake = fakeSlack({ U1: "ja-JP" });
    const locales = new SlackUserLocales(fake.slack, { teamLocale: "en" });
    await locales.localeOf("U1");
    locales.forget("U1");
    await locales.localeOf("U1");
    expect(fake.calls).toHaveLength(2);
  });

  it("is the team's language when Slack fails, and Slack is asked again a minute later", async () => {
    const fake = fakeSlack({ U1: "ja-JP" });
    const time = clock();
    const locales = new SlackUserLocales(fake.slack, { teamLocale: "zh-TW", now: time.now });
    fake.fail(true);
    expect(await locales.localeOf("U1")).toBe("zh-TW");
    fake.fail(false);
    expect(locales.localeOf("U1")).toBe("zh-TW");
    time.pass(60_000);
    expect(await locales.localeOf("U1")).toBe("ja");
    expect(fake.calls).toHaveLength(2);
  });

  it("is the team's language for a user with no locale", async () => {
    const locales = new SlackUserLocales(fakeSlack({}).slack, { teamLocale: "ja" });
    expect(await locales.localeOf("U9")).toBe("ja");
  });

  it("is the team's language when Slack is slower than an interaction can wait; its late answer is kept", async () => {
    const fake = fakeSlack({ U1: "ja-JP" });
    fake.hold();
    const locales = new SlackUserLocales(fake.slack, { teamLocale: "en", answerWithinMs: 5 });
    expect(await locales.localeOf("U1")).toBe("en");
    fake.release();
    await new Promise((resolve) => setImmediate(resolve));
    expect(locales.localeOf("U1")).toBe("ja");
  });

  it("asks Slack once for a user asked about twice at the same time", async () => {
    const fake = fakeSlack({ U1: "ja-JP" });
    const locales = new SlackUserLocales(fake.slack, { teamLocale: "en" });
    expect(await Promise.all([locales.localeOf("U1"), locales.localeOf("U1")])).toEqual(["ja", "ja"]);
    expect(fake.calls).toHaveLength(1);
  });

  it("keeps at most maxUsers languages, dropping the longest-known first", async () => {
    const fake = fakeSlack({ U1: "ja-JP", U2: "zh-TW", U3: "zh-CN" });
    const locales = new SlackUserLocales(fake.slack, { teamLocale: "en", maxUsers: 2 });
    for (const user of ["U1", "U2", "U3"]) await locales.localeOf(user);
    expect(locales.localeOf("U3")).toBe("zh-CN");
    expect(locales.localeOf("U2")).toBe("zh-TW");
    expect(locales.localeOf("U1")).toBeInstanceOf(Promise);
  });
});
