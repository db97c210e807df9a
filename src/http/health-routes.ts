import type { Services } from "../app/services";
import { sendJson, type Route } from "./routes";

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return Promise.race([promise, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`no answer in ${ms} ms`)), ms).unref())]);
}

/** `/healthz`: the process is up. `/readyz`: it can do its work (Postgres and Redis answer). */
export function healthRoutes(services: Pick<Services, "db" | "redis">): Route[] {
  return [
    { method: "GET", path: "/healthz", handler: (_req, res) => sendJson(res, 200, { status: "ok" }) },
    {
      method: "GET",
      path: "/readyz",
      handler: async (_req, res) => {
        const checks = await Promise.allSettled([withTimeout(services.db.sql.rows("ready_check", "SELECT 1"), 2_000), withTimeout(services.redis.ping(), 2_000)]);
        const failing = (["postgres", "redis"] as const).filter((_, i) => checks[i]?.status === "rejected");
        sendJson(res, failing.length ? 503 : 200, failing.length ? { status: "unavailable", failing } : { status: "ready" });
      },
    },
  ];
}
