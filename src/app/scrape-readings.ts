import { approvalBacklog } from "../db/approval-backlog";
import type { ScrapeReading } from "../http/metrics-routes";
import { QUEUE_NAMES } from "../queue/job-definitions";
import type { Services } from "./services";

const JOB_STATES = ["waiting", "active", "delayed", "prioritized", "waiting-children", "failed", "completed"] as const;

/** Jobs per queue and state, from Redis. */
export function queueDepthReading({ metrics, queues }: Pick<Services, "metrics" | "queues">): ScrapeReading {
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
export function approvalBacklogReading({ metrics, db, now }: Pick<Services, "metrics" | "db" | "now">): ScrapeReading {
  return {
    source: "approvals",
    async read() {
      const backlog = await approvalBacklog(db);
      metrics.approvalsWaiting.set(backlog.waiting);
      metrics.approvalsOldestAgeSeconds.set(backlog.oldestSince ? Math.max(0, (now().getTime() - backlog.oldestSince.getTime()) / 1000) : 0);
    },
  };
}

/** Queue depths and the approval backlog are the same seen from anywhere: the web process reads them. */
export function webReadings(services: Services): ScrapeReading[] {
  return [queueDepthReading(services), approvalBacklogReading(services)];
}
