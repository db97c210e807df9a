import type { AllMiddlewareArgs, AnyMiddlewareArgs } from "@slack/bolt";
import { describe, expect, it } from "vitest";
import { dispatchSlack } from "../../../src/slack/listeners/dispatch-slack";
import { IDS } from "../../../src/slack/ids";

type Call = { handler: string; args: Record<string, unknown> };

function dispatcher() {
  const calls: Call[] = [];
  const record = (handler: string) => async (args: Record<string, unknown>) => void calls.push({ handler, args });
  const middleware = dispatchSlack({
    views: { [IDS.views.requestModal]: record("request modal"), [IDS.views.rejectModal]: record("reject modal") },
    actions: { [IDS.actions.approve]: record("approve"), [IDS.actions.reject]: record("reject") },
    commands: { "/refund": record("command"), "/cancel": record("command") },
    events: { app_home_opened: record("home") },
  });
  /** Runs the middleware on Bolt-shaped arguments; says whether it let the request go on to Bolt. */
  const run = async (args: Record<string, unknown>) => {
    let passedOn = false;
    await middleware({ ...args, next: async () => void (passedOn = true) } as unknown as AnyMiddlewareArgs & AllMiddlewareArgs);
    return passedOn;
  };
  return { calls, run };
}

const submission = (callbackId: string, type = "view_submission") => ({ body: { type }, payload: {}, view: { callback_id: callbackId } });
const click = (actionId: string) => ({ body: { type: "block_actions" }, payload: { action_id: actionId }, action: { action_id: actionId } });
const command = (name: string) => ({ body: { command: name }, payload: { command: name }, command: { command: name } });
const event = (type: string) => ({ body: { type: "event_callback", event: { type } }, payload: { type }, event: { type } });

describe("dispatchSlack: one middleware, one handler per kind of request and id", () => {
  it("hands each request to its own handler, with Bolt's arguments, and goes no further", async () => {
    const { calls, run } = dispatcher();
    const requests = [submission(IDS.views.rejectModal), click(IDS.actions.approve), command("/cancel"), event("app_home_opened"), submission(IDS.views.requestModal), click(IDS.actions.reject), command("/refund")];
    for (const request of requests) expect(await run(request)).toBe(false);
    expect(calls.map((c) => c.handler)).toEqual(["reject modal", "approve", "command", "home", "request modal", "reject", "command"]);
    expect(calls[0]!.args.view).toEqual({ callback_id: IDS.views.rejectModal });
    expect(calls[1]!.args.action).toEqual({ action_id: IDS.actions.approve });
  });

  it("lets Bolt answer what no handler takes: other ids, other kinds, an id of another kind, a closed modal, prototype names", async () => {
    const { calls, run } = dispatcher();
    const untaken = [
      submission("bulk_modal_v2"), click("approve_request_x"), command("/refunds"), event("message"),
      // An id routed for another kind of request.
      click(IDS.views.requestModal), submission(IDS.actions.approve), command("app_home_opened"),
      submission(IDS.views.requestModal, "view_closed"),
      submission("constructor"), click("__proto__"), command("toString"), event("hasOwnProperty"),
      { body: { type: "shortcut", callback_id: IDS.views.requestModal }, payload: {}, shortcut: {} },
    ];
    for (const request of untaken) expect(await run(request), JSON.stringify(request.body)).toBe(true);
    expect(calls).toEqual([]);
  });
});
