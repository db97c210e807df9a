import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";

/**
 * Every metric a process exports, on its own registry (one per process: a web and a worker in one
 * process share it; tests build as many as they like). Labels are small closed sets (job names,
 * Slack methods, outcomes): never a user, an order or a request id, so the series stay few and
 * name nobody. docs/operations.md lists each one.
 */
export interface Metrics {
  registry: Registry;
  /** A request decided by the rules: `outcome` allow | manual | wait | reject | order_not_found, `route` auto | seller_review | approval_policy | none. */
  requestsDecided: Counter<"outcome" | "route">;
  /** HTTP requests answered, by route (`/slack/events`, `/intake/requests`, …, or `other`) and status class (2xx … 5xx). */
  httpRequests: Counter<"route" | "status">;
  /** From a request's arrival to the last byte of its answer, by route: Slack gives a bot 3 s to answer. */
  httpRequestSeconds: Histogram<"route">;
  /** One job run, by job name and how it ended: completed | failed | unrecoverable | retry_later | rate_limited. */
  jobDuration: Histogram<"job" | "result">;
  /** Jobs per queue and state (waiting, active, delayed, failed, …), read from Redis when scraped. */
  queueJobs: Gauge<"queue" | "state">;
  /** Requests waiting for an approver, and how long the oldest has waited: read from Postgres when scraped. */
  approvalsWaiting: Gauge;
  approvalsOldestAgeSeconds: Gauge;
  /** Refunds a payment or platform provider carried out, and those it refused or failed, by provider. */
  refundsExecuted: Counter<"provider">;
  refundsFailed: Counter<"provider">;
  /** Slack Web API calls that failed, by method and kind (rate_limited | permanent | transient). */
  slackApiErrors: Counter<"method" | "kind">;
  /** Failed Slack calls the queue will try again (after Retry-After, or with backoff), by method and kind. */
  slackApiRetries: Counter<"method" | "kind">;
  /** A replayed Slack request (same signature within the 5-minute window) that was answered without running again. */
  slackReplaysRefused: Counter;
  /** A scrape-time reading (queues from Redis, approvals from Postgres) that failed: its gauges are left out of that scrape. */
  scrapeErrors: Counter<"source">;
}

/** Fine below 100 ms, where a Slack answer should be; 3 s is Slack's limit. */
const HTTP_SECONDS_BUCKETS = [0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1, 3, 10];
const JOB_SECONDS_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

export function createMetrics({ defaults = true }: { defaults?: boolean } = {}): Metrics {
  const registry = new Registry();
  // Process metrics (CPU, memory, event loop lag, GC) under their usual names, so stock dashboards work.
  if (defaults) collectDefaultMetrics({ register: registry });
  const registers = [registry];
  return {
    registry,
    requestsDecided: new Counter({ name: "refund_desk_requests_decided_total", help: "Requests decided by the rules, by outcome and route.", labelNames: ["outcome", "route"], registers }),
    httpRequests: new Counter({ name: "refund_desk_http_requests_total", help: "HTTP requests answered, by route and status class.", labelNames: ["route", "status"], registers }),
    httpRequestSeconds: new Histogram({ name: "refund_desk_http_request_duration_seconds", help: "From a request's arrival to the end of its answer, by route.", labelNames: ["route"], buckets: HTTP_SECONDS_BUCKETS, registers }),
    jobDuration: new Histogram({ name: "refund_desk_job_duration_seconds", help: "How long one job run took, by job name and result.", labelNames: ["job", "result"], buckets: JOB_SECONDS_BUCKETS, registers }),
    queueJobs: new Gauge({ name: "refund_desk_queue_jobs", help: "Jobs in each queue, by state (read from Redis at scrape time).", labelNames: ["queue", "state"], registers }),
    approvalsWaiting: new Gauge({ name: "refund_desk_approvals_waiting", help: "Requests waiting for an approver (read from Postgres at scrape time).", registers }),
    approvalsOldestAgeSeconds: new Gauge({ name: "refund_desk_approvals_oldest_age_seconds", help: "Seconds the longest-waiting request has waited for an approver; 0 when none waits.", registers }),
    refundsExecuted: new Counter({ name: "refund_desk_refunds_executed_total", help: "Refunds carried out by a provider.", labelNames: ["provider"], registers }),
    refundsFailed: new Counter({ name: "refund_desk_refunds_failed_total", help: "Refunds a provider refused or failed.", labelNames: ["provider"], registers }),
    slackApiErrors: new Counter({ name: "refund_desk_slack_api_errors_total", help: "Slack Web API calls that failed, by method and kind.", labelNames: ["method", "kind"], registers }),
    slackApiRetries: new Counter({ name: "refund_desk_slack_api_retries_total", help: "Failed Slack calls put back to be tried again, by method and kind.", labelNames: ["method", "kind"], registers }),
    slackReplaysRefused: new Counter({ name: "refund_desk_slack_replays_refused_total", help: "Slack requests seen before (same signature) answered without running again.", registers }),
    scrapeErrors: new Counter({ name: "refund_desk_metrics_scrape_errors_total", help: "Scrape-time readings that failed, by source (queues, approvals).", labelNames: ["source"], registers }),
  };
}
