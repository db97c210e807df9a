import { describe, expect, it } from "vitest";
import { routeById } from "../../../src/slack/listeners/route-by-id";
import { IDS } from "../../../src/slack/ids";

describe("routeById: one Bolt listener per surface, one handler per id", () => {
  const calls: string[] = [];
  const routes = routeById((args: { id: string }) => args.id, {
    [IDS.views.requestModal]: async (args) => void calls.push(`request:${args.id}`),
    [IDS.views.rejectModal]: async (args) => void calls.push(`reject:${args.id}`),
    "a.b+c": async (args) => void calls.push(`odd:${args.id}`),
  });

  it("lets through exactly the ids it routes, as whole ids, with their special characters taken as text", () => {
    for (const id of [IDS.views.requestModal, IDS.views.rejectModal, "a.b+c"]) expect(routes.pattern.test(id), id).toBe(true);
    for (const id of [`${IDS.views.requestModal}_v2`, `x${IDS.views.rejectModal}`, "axb+c", "a.bbc", "", IDS.views.bulkModal]) expect(routes.pattern.test(id), id).toBe(false);
  });

  it("hands each request to its own id's handler", async () => {
    calls.length = 0;
    await routes.handle({ id: IDS.views.rejectModal });
    await routes.handle({ id: IDS.views.requestModal });
    await routes.handle({ id: "a.b+c" });
    expect(calls).toEqual([`reject:${IDS.views.rejectModal}`, `request:${IDS.views.requestModal}`, "odd:a.b+c"]);
  });
});
