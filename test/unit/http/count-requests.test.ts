import { describe, expect, it } from "vitest";
import { routeLabel } from "../../../src/http/count-requests";
import type { Route } from "../../../src/http/routes";

const noop = () => {};
const routes: Route[] = [
  { method: "GET", path: "/healthz", handler: noop },
  { method: "POST", path: "/intake/requests", handler: noop },
  { method: "GET", path: "/admin/queues/*", handler: noop },
];

describe("the route label of a request", () => {
  it("names our routes, prefix routes by their prefix, Slack's endpoint, and nothing else", () => {
    expect(routeLabel(routes, "/healthz")).toBe("/healthz");
    expect(routeLabel(routes, "/intake/requests")).toBe("/intake/requests");
    expect(routeLabel(routes, "/admin/queues")).toBe("/admin/queues");
    expect(routeLabel(routes, "/admin/queues/api/queues")).toBe("/admin/queues");
    expect(routeLabel(routes, "/slack/events")).toBe("/slack/events");
    // A scanner's paths all land in one series.
    for (const path of ["/", "/admin/queuesX", "/wp-login.php", "/intake/requests/1", "/healthz/"]) expect(routeLabel(routes, path)).toBe("other");
  });
});
