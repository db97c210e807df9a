import { z } from "zod";
import { localeSettingSchema, type Locale } from "../domain/locale";
import { DEFAULT_ORDER_WINDOW_MS, DEFAULT_TIMERS, type ApprovalPolicy, type ApprovalPolicyFile } from "../domain/approval-policy";
import { cyberbizConfigFromEnv, type CyberbizConfig } from "./providers/cyberbiz";
import { linePayConfigFromEnv, type LinePayConfig } from "./providers/line-pay";
import { qoo10ConfigFromEnv, type Qoo10Config } from "./providers/qoo10";
import { ProviderConfigError } from "./providers/provider-env";
import { DEFAULT_DATABASE_URL, DEFAULT_REDIS_URL } from "./defaults";
import { settingHint } from "./setting-hints";
import { issueWords, problemLine, settingProblems, type SettingProblem } from "./setting-problems";

const slackChannelId = z.string().regex(/^[CGD][A-Z0-9]{2,}$/, { error: "expected a Slack channel id such as C0123ABCD" });
const slackUserId = z.string().regex(/^[UW][A-Z0-9]{2,}$/, { error: "expected a Slack user id such as U0123ABCD" });

const optionalText = z
  .string()
  .transform((s) => s.trim())
  .optional()
  .transform((s) => (s ? s : undefined));

/** Comma- or space-separated Slack user ids. */
const userIdList = z
  .string()
  .optional()
  .transform((s) => (s ?? "").split(/[\s,]+/).filter(Boolean))
  .pipe(z.array(slackUserId));

/** The shortest intake secret we accept: an HMAC key anyone could guess protects nothing. */
export const MIN_INTAKE_SECRET_LENGTH = 16;

/**
 * Comma-separated: during a rotation the old and the new secret are both valid. The messages never
 * repeat a secret, so a start-up error cannot leak one into a log.
 */
const secretList = z
  .string()
  .optional()
  .transform((s) => (s ?? "").split(",").map((part) => part.trim()).filter(Boolean))
  .pipe(z.array(z.string().min(MIN_INTAKE_SECRET_LENGTH, { error: `expected each secret to have at least ${MIN_INTAKE_SECRET_LENGTH} characters` })));

const url = (protocols: string[], example: string) =>
  z.string().refine((value) => {
    try {
      return protocols.includes(new URL(value).protocol);
    } catch {
      return false;
    }
  }, { error: `expected a URL such as ${example}` });

const ms = (min: number, max: number, fallback: number) =>
  z.coerce.number({ error: "expected a whole number of milliseconds" }).int().min(min).max(max).default(fallback);

/** Every variable the bot reads; `.env.example` documents each one. */
export const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number({ error: "expected a port number" }).int().min(0).max(65535).default(3000),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  DATABASE_URL: url(["postgres:", "postgresql:"], "postgresql://user@host:5432/db").default(DEFAULT_DATABASE_URL),
  REDIS_URL: url(["redis:", "rediss:"], "redis://127.0.0.1:6379").default(DEFAULT_REDIS_URL),
  /** Namespaces every Redis key, so several deployments (or test runs) can share one Redis. */
  QUEUE_PREFIX: z.string().regex(/^[A-Za-z0-9_.-]+$/, { error: "expected letters, digits, _ . -" }).default("refund-desk"),
  SLACK_BOT_TOKEN: z.string().regex(/^xox[a-z]-/, { error: "expected a Slack token starting with xoxb-" }),
  SLACK_SIGNING_SECRET: z.string().min(8),
  SLACK_APP_TOKEN: optionalText.pipe(z.string().regex(/^xapp-/, { error: "expected an app-level token starting with xapp-" }).optional()),
  SLACK_API_URL: optionalText.pipe(url(["http:", "https:"], "https://slack.com/api/").optional()),
  REFUND_REQUESTS_CHANNEL: slackChannelId,
  REFUND_APPROVALS_CHANNEL: optionalText.pipe(slackChannelId.optional()),
  REFUND_APPROVERS: userIdList,
  /** The team's language: what the bot posts in channels speaks it, unless the policy file gives a channel its own. */
  REFUND_DESK_LOCALE: localeSettingSchema.default("en"),
  WORKER_CONCURRENCY: z.coerce.number({ error: "expected a whole number" }).int().min(1).max(1000).default(16),
  /** Postgres connections each process keeps; enough for its concurrent jobs, below the server's max_connections. */
  DATABASE_POOL_SIZE: z.coerce.number({ error: "expected a whole number" }).int().min(1).max(500).default(10),
  /** Slack jobs per second across all workers; a 429 from Slack also holds the queue for its Retry-After. */
  SLACK_JOBS_PER_SECOND: z.coerce.number({ error: "expected a whole number" }).int().min(1).max(100_000).default(50),
  /**
   * Members of a bulk request decided per job: fewer, more jobs; more, fewer and larger statements.
   * A worker decides WORKER_CONCURRENCY slices side by side, so this sets its memory in a bulk
   * request: 200 took the worker close to its memory target.
   */
  BULK_CHUNK_SIZE: z.coerce.number({ error: "expected a whole number" }).int().min(1).max(1000).default(100),
  /** The team's approval policy file; default refund-desk.config.yaml (or .yml, .json) in the working directory. */
  REFUND_DESK_CONFIG: optionalText,
  /** HMAC keys of the intake webhook; none: intake is off. */
  INTAKE_SECRET: secretList,
  /** How long a stopping process may take to finish its in-flight work before it hands the rest back and exits. */
  SHUTDOWN_TIMEOUT_MS: z.coerce.number({ error: "expected a whole number of milliseconds" }).int().min(1_000).max(600_000).default(10_000),
  /** /metrics, /healthz and /readyz on a port of their own (every process); unset: a worker listens on nothing. */
  METRICS_PORT: z.coerce.number({ error: "expected a port number" }).int().min(0).max(65535).optional(),
  /** A bearer token every scrape of /metrics must send; without METRICS_PORT, it serves /metrics on PORT. */
  METRICS_TOKEN: optionalText.pipe(z.string().min(16, { error: "expected at least 16 characters" }).optional()),
  /** How often the requests sweeper runs: lost evaluations, Slack messages behind. */
  SWEEP_EVERY_MS: ms(1_000, 3_600_000, 15_000),
  /** How often the approval timer pass looks for reminders, escalations and expiries that came due. */
  APPROVAL_TIMERS_EVERY_MS: ms(200, 3_600_000, 15_000),
  /** A request untouched this long whose job should have moved it (evaluate, Slack sync) has lost that job. */
  STALE_REQUEST_AFTER_MS: ms(1_000, 86_400_000, 30_000),
  /** How often the execution sweeper runs. */
  SWEEP_EXECUTIONS_EVERY_MS: ms(1_000, 3_600_000, 60_000),
  /** An approved or executing request untouched this long, with no job and no lock, is executed again. */
  STALLED_EXECUTION_AFTER_MS: ms(1_000, 86_400_000, 120_000),
  /** Basic-auth credentials of the queue dashboard (/admin/queues); unset: the dashboard is off. */
  ADMIN_USER: optionalText.pipe(z.string().regex(/^[^:\s]{1,64}$/, { error: "expected a user name without spaces or colons" }).optional()),
  ADMIN_PASSWORD: optionalText.pipe(z.string().min(12, { error: "expected at least 12 characters" }).optional()),
  // The providers' variables: checked by each provider's own config (src/providers/*/config.ts), in parseConfig.
  LINEPAY_CHANNEL_ID: optionalText,
  LINEPAY_CHANNEL_SECRET: optionalText,
  LINEPAY_API_URL: optionalText,
  LINEPAY_TIMEOUT_MS: optionalText,
  CYBERBIZ_API_URL: optionalText,
  CYBERBIZ_API_TOKEN: optionalText,
  CYBERBIZ_TIMEOUT_MS: optionalText,
  QOO10_API_URL: optionalText,
  QOO10_SELLER_KEY: optionalText,
  QOO10_TIMEOUT_MS: optionalText,
});

export type Env = z.infer<typeof envSchema>;

export interface Config {
  nodeEnv: Env["NODE_ENV"];
  port: number;
  logLevel: Env["LOG_LEVEL"];
  databaseUrl: string;
  redisUrl: string;
  queuePrefix: string;
  slack: {
    botToken: string;
    signingSecret: string;
    appToken?: string;
    apiUrl?: string;
  };
  channels: { requests: string; approvals: string };
  /** The team's language (REFUND_DESK_LOCALE): what the bot posts speaks it (src/config/channel-locale.ts). */
  locale: Locale;
  /** Channels the policy file gives a language of their own, by channel id. */
  channelLocales: Readonly<Record<string, Locale>>;
  approvalPolicy: ApprovalPolicy;
  workerConcurrency: number;
  databasePoolSize: number;
  slackJobsPerSecond: number;
  /** Bulk requests: members decided per evaluate-batch job. */
  bulkChunkSize: number;
  /** The intake webhook (POST /intake/requests): off when no secret is set. */
  intake: { secrets: readonly string[] };
  /** What a SIGTERM or SIGINT may take, in total, before the process exits. */
  shutdownTimeoutMs: number;
  /** The HTTP listener for metrics and health (a worker-only process's only one); absent: none. */
  metricsPort?: number;
  /** The bearer token of /metrics; absent: /metrics only on METRICS_PORT, if set. */
  metricsToken?: string;
  /**
   * The sweepers that rebuild lost work from Postgres (a crash, or a Redis that lost its data):
   * how often they run and how old a request must be before they act on it.
   */
  sweeps: { everyMs: number; approvalTimersEveryMs: number; staleAfterMs: number; executionsEveryMs: number; stalledAfterMs: number };
  /** The queue dashboard's basic-auth credentials; absent: the dashboard is off. */
  admin?: { user: string; password: string };
  /** The provider APIs this deployment uses; null: that side runs on the local store. */
  providers: ProviderConfigs;
}

export interface ProviderConfigs {
  linePay: LinePayConfig | null;
  cyberbiz: CyberbizConfig | null;
  qoo10: Qoo10Config | null;
}

/** Each provider's settings, or the problems with them (one per variable, never its value). */
function parseProviderConfigs(env: Record<string, string | undefined>): { ok: true; providers: ProviderConfigs } | { ok: false; problems: SettingProblem[] } {
  const problems: SettingProblem[] = [];
  const read = <T>(parse: () => T | null): T | null => {
    try {
      return parse();
    } catch (error) {
      if (!(error instanceof ProviderConfigError)) throw error;
      problems.push(...error.settings);
      return null;
    }
  };
  const providers = { linePay: read(() => linePayConfigFromEnv(env)), cyberbiz: read(() => cyberbizConfigFromEnv(env)), qoo10: read(() => qoo10ConfigFromEnv(env)) };
  return problems.length > 0 ? { ok: false, problems } : { ok: true, providers };
}

export type ConfigResult = { ok: true; config: Config } | { ok: false; problems: string[] };

/**
 * Reads the configuration from environment variables and the approval policy file (already
 * parsed); every problem becomes one line. The file wins where it says something; the environment
 * fills in the rest.
 */
export function parseConfig(env: Record<string, string | undefined>, policyFile: ApprovalPolicyFile | null = null): ConfigResult {
  // An empty variable (FOO= in .env) means "not set", so that defaults apply.
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ""));
  const parsed = envSchema.safeParse(present, { error: issueWords });
  const providers = parseProviderConfigs(present);
  if (!parsed.success || !providers.ok) {
    const problems = [...(parsed.success ? [] : settingProblems(parsed.error.issues)), ...(providers.ok ? [] : providers.problems)];
    return { ok: false, problems: [...new Set(problems.map((problem) => problemLine(problem, settingHint(problem.setting))))] };
  }
  const e = parsed.data;
  // Half a credential is a mistake, not "off": a dashboard the operator meant to protect must not silently vanish.
  if (Boolean(e.ADMIN_USER) !== Boolean(e.ADMIN_PASSWORD)) {
    const missing = e.ADMIN_USER ? "ADMIN_PASSWORD" : "ADMIN_USER";
    return { ok: false, problems: [problemLine({ setting: missing, words: `required with ${e.ADMIN_USER ? "ADMIN_USER" : "ADMIN_PASSWORD"}` }, settingHint(missing))] };
  }
  return {
    ok: true,
    config: {
      nodeEnv: e.NODE_ENV,
      port: e.PORT,
      logLevel: e.LOG_LEVEL,
      databaseUrl: e.DATABASE_URL,
      redisUrl: e.REDIS_URL,
      queuePrefix: e.QUEUE_PREFIX,
      slack: { botToken: e.SLACK_BOT_TOKEN, signingSecret: e.SLACK_SIGNING_SECRET, appToken: e.SLACK_APP_TOKEN, apiUrl: e.SLACK_API_URL },
      channels: {
        requests: policyFile?.channels.requests ?? e.REFUND_REQUESTS_CHANNEL,
        approvals: policyFile?.channels.approvals ?? e.REFUND_APPROVALS_CHANNEL ?? policyFile?.channels.requests ?? e.REFUND_REQUESTS_CHANNEL,
      },
      locale: e.REFUND_DESK_LOCALE,
      channelLocales: policyFile?.channels.locales ?? {},
      approvalPolicy: {
        approverIds: policyFile && (policyFile.approvers.users.length > 0 || policyFile.approvers.userGroup) ? policyFile.approvers.users : e.REFUND_APPROVERS,
        ...(policyFile?.approvers.userGroup ? { approverGroup: policyFile.approvers.userGroup } : {}),
        ...(policyFile?.fallbackApprover ? { fallbackApprover: policyFile.fallbackApprover } : {}),
        ...(policyFile?.channels.escalation ? { escalationChannel: policyFile.channels.escalation } : {}),
        thresholds: policyFile?.thresholds ?? {},
        timers: {
          remindAfterMs: policyFile?.reminders.remindAfter ?? DEFAULT_TIMERS.remindAfterMs,
          escalateAfterMs: policyFile?.reminders.escalateAfter ?? DEFAULT_TIMERS.escalateAfterMs,
          expireAfterMs: policyFile?.reminders.expireAfter ?? DEFAULT_TIMERS.expireAfterMs,
        },
        orderWindowMs: policyFile?.orderWindow ?? DEFAULT_ORDER_WINDOW_MS,
      },
      workerConcurrency: e.WORKER_CONCURRENCY,
      databasePoolSize: e.DATABASE_POOL_SIZE,
      slackJobsPerSecond: e.SLACK_JOBS_PER_SECOND,
      bulkChunkSize: e.BULK_CHUNK_SIZE,
      intake: { secrets: e.INTAKE_SECRET },
      shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
      sweeps: { everyMs: e.SWEEP_EVERY_MS, approvalTimersEveryMs: e.APPROVAL_TIMERS_EVERY_MS, staleAfterMs: e.STALE_REQUEST_AFTER_MS, executionsEveryMs: e.SWEEP_EXECUTIONS_EVERY_MS, stalledAfterMs: e.STALLED_EXECUTION_AFTER_MS },
      ...(e.METRICS_PORT !== undefined ? { metricsPort: e.METRICS_PORT } : {}),
      ...(e.METRICS_TOKEN ? { metricsToken: e.METRICS_TOKEN } : {}),
      ...(e.ADMIN_USER && e.ADMIN_PASSWORD ? { admin: { user: e.ADMIN_USER, password: e.ADMIN_PASSWORD } } : {}),
      providers: providers.providers,
    },
  };
}
