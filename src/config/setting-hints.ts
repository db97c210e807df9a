/**
 * Where the right value of each setting comes from, said after what is wrong with it. A variable
 * without a line here gets FALLBACK_HINT; `.env.example` documents every one.
 */
export const SETTING_HINTS: Readonly<Record<string, string>> = {
  SLACK_BOT_TOKEN: "Copy the Bot User OAuth Token (xoxb-…) from the Slack app's OAuth & Permissions page",
  SLACK_SIGNING_SECRET: "Copy the Signing Secret from the Slack app's Basic Information page",
  SLACK_APP_TOKEN: "Only for Socket Mode: an app-level token (xapp-…) with connections:write, from the Slack app's Basic Information page; leave it unset to use the public URL",
  SLACK_API_URL: "Leave it unset to talk to Slack itself (https://slack.com/api/)",
  REFUND_REQUESTS_CHANNEL: "Give the id of the channel where requests are posted: in Slack, open the channel's details; the id (C…) is at the bottom",
  REFUND_APPROVALS_CHANNEL: "Give the id of the channel where approvals are asked (channel details, C… at the bottom), or leave it unset to use the requests channel",
  REFUND_APPROVERS: "List the approvers' Slack member ids (U…), separated by commas: in Slack, a profile's ⋮ menu, Copy member ID",
  REFUND_DESK_LOCALE: "Give the team's language: en, zh-TW, zh-CN or ja (a tag such as ja-JP or zh-Hant reads as its language); leave it unset for en",
  REFUND_DESK_CONFIG: "Name the approval policy file, or leave it unset to read refund-desk.config.yaml; refund-desk.config.example.yaml shows every field",
  DATABASE_URL: "Give the PostgreSQL connection URL, e.g. postgresql://user:password@host:5432/refund_desk, or leave it unset for the local server",
  REDIS_URL: "Give the Redis URL, e.g. redis://host:6379, or leave it unset for the local server",
  QUEUE_PREFIX: "Leave it unset for refund-desk",
  PORT: "The HTTP port of the web process, 0 to 65535 (0: any free port); leave it unset for 3000",
  LOG_LEVEL: "Leave it unset for info",
  NODE_ENV: "Leave it unset for development",
  WORKER_CONCURRENCY: "Jobs a worker process runs at once, 1 to 1000; leave it unset for 16",
  DATABASE_POOL_SIZE: "Postgres connections per process for the request path, 1 to 500; keep the sum over processes under the server's max_connections; leave it unset for 10",
  SLACK_JOBS_PER_SECOND: "Slack jobs per second across workers, 1 to 100000; leave it unset for 50",
  BULK_CHUNK_SIZE: "Orders of a bulk request decided per job, 1 to 1000; leave it unset for 100",
  INTAKE_SECRET: "Each secret needs 16 characters or more (e.g. openssl rand -hex 32), comma-separated while rotating; leave it unset to keep the intake webhook off",
  SHUTDOWN_TIMEOUT_MS: "Milliseconds a stop may take in all, 1000 to 600000; leave it unset for 10000",
  SWEEP_EVERY_MS: "Milliseconds between runs of the requests sweeper, 1000 to 3600000; leave it unset for 15000",
  APPROVAL_TIMERS_EVERY_MS: "Milliseconds between approval timer passes, 200 to 3600000; leave it unset for 15000",
  STALE_REQUEST_AFTER_MS: "Milliseconds before an untouched request's job counts as lost, 1000 to 86400000; leave it unset for 30000",
  SWEEP_EXECUTIONS_EVERY_MS: "Milliseconds between runs of the execution sweeper, 1000 to 3600000; leave it unset for 60000",
  STALLED_EXECUTION_AFTER_MS: "Milliseconds before an untouched approved request is carried out again, 1000 to 86400000; leave it unset for 120000",
  METRICS_PORT: "A port for /metrics, /healthz and /readyz only, reached from inside your network; leave it unset to serve no metrics port",
  METRICS_TOKEN: "A random string of 16 characters or more (e.g. openssl rand -hex 32) that Prometheus sends as a bearer token; leave it unset to serve /metrics only on METRICS_PORT",
  ADMIN_USER: "The queue dashboard's user name; set ADMIN_PASSWORD with it, or neither to keep the dashboard off",
  ADMIN_PASSWORD: "The queue dashboard's password; set ADMIN_USER with it, or neither to keep the dashboard off",
  LINEPAY_CHANNEL_ID: "Copy the Channel ID (digits) from the LINE Pay merchant center, Manage payment integration; set it with LINEPAY_CHANNEL_SECRET, or neither to refund in the local store",
  LINEPAY_CHANNEL_SECRET: "Copy the Channel Secret Key from the LINE Pay merchant center, Manage payment integration; set it with LINEPAY_CHANNEL_ID, or neither to refund in the local store",
  LINEPAY_API_URL: "Use https://api-pay.line.me in production (required there); elsewhere leave it unset for the sandbox, https://sandbox-api-pay.line.me",
  LINEPAY_TIMEOUT_MS: "Milliseconds, 20000 or more (LINE Pay's minimum); leave it unset for 20000",
  CYBERBIZ_API_TOKEN: "Copy the app's API token (a JWT) from the Cyberbiz app store, or leave it unset to run Cyberbiz orders on the local store",
  CYBERBIZ_API_URL: "Leave it unset for https://app-store-api.cyberbiz.io",
  CYBERBIZ_TIMEOUT_MS: "Milliseconds, 1000 or more; leave it unset for 15000",
  QOO10_SELLER_KEY: "Copy the seller authorization key from J·QSM (API), or leave it unset to run Qoo10 orders on the local store",
  QOO10_API_URL: "Leave it unset for https://api.qoo10.jp",
  QOO10_TIMEOUT_MS: "Milliseconds, 1000 or more; leave it unset for 15000",
};

export const FALLBACK_HINT = "See its line in .env.example";

export function settingHint(setting: string): string {
  return SETTING_HINTS[setting] ?? FALLBACK_HINT;
}
