import type { WebClient } from "@slack/web-api";
import { matchLocale, type Locale } from "../presentation/locales";

/** Whose language: what each person's own surfaces (modals, replies, App Home) are written in. */
export interface UserLocales {
  /** The team's language: for whoever Slack cannot tell about, and for what the whole team reads. */
  readonly teamLocale: Locale;
  /** The user's language: at once when it is known (no await), else a promise of it. Never rejects. */
  localeOf(userId: string): Locale | Promise<Locale>;
  /** Forgets what is known of a user's language: their next interaction asks Slack again. */
  forget(userId: string): void;
}

export interface UserLocalesOptions {
  /** The language of whoever Slack cannot tell about (a failed call, no locale set). */
  teamLocale: Locale;
  now?: () => number;
  /** How long a user's language is kept. */
  keepMs?: number;
  /** How many users' languages are kept at most: the longest-known are dropped first. */
  maxUsers?: number;
  /** How long the team language stands in for a user Slack could not tell about before Slack is asked again. */
  retryAfterMs?: number;
  /** How long users.info may take before the team language is used for this interaction. */
  answerWithinMs?: number;
}

const HOUR_MS = 3_600_000;

/**
 * The user's Slack locale (`users.info` with `include_locale`: "ja-JP", "zh-TW") as one of the bot's
 * languages, kept an hour per process. A call that fails, or takes longer than an interaction can
 * wait, gives the team language; a late answer is still kept for the next interaction.
 */
export class SlackUserLocales implements UserLocales {
  private readonly known = new Map<string, { locale: Locale; until: number }>();
  private readonly asking = new Map<string, Promise<Locale>>();
  private readonly now: () => number;
  private readonly keepMs: number;
  private readonly maxUsers: number;
  private readonly answerWithinMs: number;
  private readonly retryAfterMs: number;
  readonly teamLocale: Locale;

  constructor(
    private readonly slack: Pick<WebClient, "users">,
    options: UserLocalesOptions,
  ) {
    this.teamLocale = options.teamLocale;
    this.now = options.now ?? Date.now;
    this.keepMs = options.keepMs ?? HOUR_MS;
    this.maxUsers = options.maxUsers ?? 10_000;
    this.answerWithinMs = options.answerWithinMs ?? 1_000;
    this.retryAfterMs = options.retryAfterMs ?? 60_000;
  }

  localeOf(userId: string): Locale | Promise<Locale> {
    const kept = this.known.get(userId);
    if (kept && kept.until > this.now()) return kept.locale;
    if (kept) this.known.delete(userId);
    let asking = this.asking.get(userId);
    if (!asking) {
      asking = this.ask(userId).finally(() => this.asking.delete(userId));
      this.asking.set(userId, asking);
    }
    return this.withinTime(asking);
  }

  forget(userId: string): void {
    this.known.delete(userId);
  }

  private async ask(userId: string): Promise<Locale> {
    try {
      const answer = await this.slack.users.info({ user: userId, include_locale: true });
      const locale = answer.user?.locale ? matchLocale(answer.user.locale) : this.teamLocale;
      this.keep(userId, locale, this.keepMs);
      return locale;
    } catch {
      // Slack unreachable or the user unknown: the team's language for a minute, so a busy worker does not ask on every job.
      this.keep(userId, this.teamLocale, this.retryAfterMs);
      return this.teamLocale;
    }
  }

  private keep(userId: string, locale: Locale, forMs: number): void {
    if (this.known.size >= this.maxUsers) {
      const oldest = this.known.keys().next();
      if (!oldest.done) this.known.delete(oldest.value);
    }
    this.known.set(userId, { locale, until: this.now() + forMs });
  }

  private withinTime(asking: Promise<Locale>): Promise<Locale> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<Locale>((resolve) => {
      timer = setTimeout(resolve, this.answerWithinMs, this.teamLocale);
      timer.unref?.();
    });
    return Promise.race([asking, late]).finally(() => clearTimeout(timer));
  }
}
