import type { AddressInfo } from "node:net";
import { Router } from "express";
import { afterAll, describe, expect, it } from "vitest";
import { createHttpApp } from "../../../src/http/http-app";
import { sendJson, type Route } from "../../../src/http/routes";
import { createMetrics } from "../../../src/observability/metrics";

const servers: { close(): void }[] = [];
afterAll(() => servers.forEach((server) => server.close()));

describe("the HTTP app: one stack for our routes, mounts and Slack's endpoint", () => {
  it("matches paths exactly, prefixes with what is under them, answers 404 to the rest and 500 for a handler that throws", async () => {
    const errors: unknown[] = [];
    const routes: Route[] = [
      { method: "GET", path: "/healthz", handler: (_req, res) => sendJson(res, 200, { status: "ok" }) },
      { method: "GET", path: "/api/*", handler: (req, res) => sendJson(res, 200, { url: req.url }) },
      { method: "POST", path: "/fails", handler: async () => Promise.reject(new Error("boom")) },
    ];
    const mounted = Router().get("/x", (req, res) => void res.json({ mountedAt: req.baseUrl, path: req.path }));
    const slack = Router().post("/slack/events", (_req, res) => void res.status(200).end("slack"));
    const metrics = createMetrics({ defaults: false });
    const app = createHttpApp({ routes, mounts: [{ path: "/admin/queues", handler: mounted }], slack }, metrics, (error) => errors.push(error));
    const server = app.listen(0, "127.0.0.1");
    servers.push(server);
    await new Promise((resolve) => server.once("listening", resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const get = async (path: string, method = "GET") => {
      const res = await fetch(`${base}${path}`, { method });
      return [res.status, await res.text()];
    };
    expect(await get("/healthz")).toEqual([200, '{"status":"ok"}']);
    expect(await get("/api/chat.postMessage?x=1")).toEqual([200, '{"url":"/api/chat.postMessage?x=1"}']);
    expect(await get("/admin/queues/x")).toEqual([200, '{"mountedAt":"/admin/queues","path":"/x"}']);
    expect(await get("/slack/events", "POST")).toEqual([200, "slack"]);
    for (const path of ["/healthz/", "/HEALTHZ", "/apix", "/"]) expect(await get(path), path).toEqual([404, '{"error":"not_found"}']);
    expect(await get("/healthz", "POST")).toEqual([404, '{"error":"not_found"}']);
    expect(await get("/fails", "POST")).toEqual([500, '{"error":"internal_error"}']);
    expect(errors).toEqual([new Error("boom")]);
    const counted = (await metrics.httpRequests.get()).values.map((v) => `${v.labels.route} ${v.labels.status} ${v.value}`).sort();
    expect(counted).toEqual(["/admin/queues 2xx 1", "/api 2xx 1", "/fails 5xx 1", "/healthz 2xx 1", "/healthz 4xx 1", "/slack/events 2xx 1", "other 4xx 4"]);
  });
});
