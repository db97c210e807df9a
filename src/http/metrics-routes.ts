import { createHash, timingSafeEqual } from "node:crypto";
import type { IncomingMessage } from "node:http";
import type { Db } from "../db/client";
import { approvalBacklog } from "../db/approval-backlog";
import type { Logger } from "../observability/logger";
import type { Metrics } from "../observability/metrics";
import type { JobQueues } from "../queue/job-queues";
import { QUEUE_NAMES } from "../queue/job-definitions";
import { sendJson, type Route } from "./routes";

/** A reading taken when Prometheus scrapes, rather than kept up to date all the time. */
export interface ScrapeReading {
  source: string;
  read(): Promise<void>;
}

/** A scrape must answer even when Redis or Postgres does not: a reading gets this long. */
const READING_TIMEOUT_MS = 2_000;

const JOB_STATES = ["waiting", "active", "delayed", "prioritized", "waiting-children", "failed", "completed"] as const;

/** Jobs per queue and state, from Redis. */
export function queueDepthReading(metrics: Metrics, queues: JobQueues): ScrapeReading {
  return {
    source: "queues",
    async read() {
      const counts = await Promise.all(QUEUE_NAMES.map(async (name) => [name, await queues.queues[name].getJobCounts(...JOB_STATES)] as const));
      metrics.queueJobs.reset();
      for (const [queue, byState] of counts) for (const state of JOB_STATES) metrics.queueJobs.set({ queue, state }, byState[state] ?? 0);
    },
  };
}

/** Requests waiting for an approver and the oldest one's age, from Postgres. */
export function approvalBacklogReading(metrics: Metrics, db: Db, now: () => Date): ScrapeReading {
  return {
    source: "approvals",
    async read() {
      const backlog = await approvalBacklog(db);
      metrics.approvalsWaiting.set(backlog.waiting);
      metrics.approvalsOldestAgeSeconds.set(backlog.oldestSince ? Math.max(0, (now().getTime() - backlog.oldestSince.getTime()) / 1000) : 0);
    },
  };
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer in ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

const digest = (text: string) => createHash("sha256").update(text).digest();

/** Whether the request carries `Authorization: Bearer <token>`, compared in constant time. */
export function bearerMatches(req: IncomingMessage, token: string): boolean {
  const given = /^Bearer (\S+)$/.exec(req.headers.authorization ?? "")?.[1];
  return given !== undefined && timingSafeEqual(digest(given), digest(token));
}

/**
 * GET /metrics in Prometheus' text format; with `token`, only for a scrape that sends it as a bearer
 * token (401 otherwise: each scrape runs queries in Redis and Postgres). Scrape-time readings run
 * first; one that fails is counted in `refund_desk_metrics_scrape_errors_total`, and the rest of
 * the scrape still answers 200. The queue series are then left out; the approval gauges keep their
 * last value, since an unlabelled gauge cannot be left out and a 0 would read as "nobody is waiting".
 */
export function metricsRoutes(metrics: Metrics, readings: ScrapeReading[], log: Logger, { token }: { token?: string } = {}): Route[] {
  return [
    {
      method: "GET",
      path: "/metrics",
      handler: async (req, res) => {
        if (token !== undefined && !bearerMatches(req, token)) return sendJson(res, 401, { error: "unauthorized" }, { "www-authenticate": 'Bearer realm="metrics"' });
        const results = await Promise.allSettled(readings.map((reading) => withTimeout(reading.read(), READING_TIMEOUT_MS)));
        const failed = readings.filter((_, i) => results[i]?.status === "rejected");
        for (const reading of failed) {
          metrics.scrapeErrors.inc({ source: reading.source });
          if (reading.source === "queues") metrics.queueJobs.reset();
        }
        if (failed.length > 0) log.warn({ failing: failed.map((r) => r.source) }, "metrics: some scrape-time readings failed");
        const body = await metrics.registry.metrics();
        res.writeHead(200, { "content-type": metrics.registry.contentType });
        res.end(body);
      },
    },
  ];
}
