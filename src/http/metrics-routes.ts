import { createHash, timingSafeEqual } from "node:crypto";
import type { IncomingMessage } from "node:http";
import type { Logger } from "../observability/logger";
import type { Metrics } from "../observability/metrics";
import { sendJson, type Route } from "./routes";

/** A reading taken when Prometheus scrapes, rather than kept up to date all the time. */
export interface ScrapeReading {
  source: string;
  read(): Promise<void>;
}

/** A scrape must answer even when Redis or Postgres does not: a reading gets this long. */
const READING_TIMEOUT_MS = 2_000;

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
