import { randomUUID } from "node:crypto";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../src/db/client";
import { upsertOrders } from "../../src/db/orders";
import { testWorkspace } from "../support/test-workspace";
import type { LocalWorkspace } from "../../src/local-workspace/local-workspace";
import { appEnv, startApp, type AppProcess } from "../support/app-process";
import { cyberbizOrder, qoo10Order } from "../support/orders";
import { SlackDriver } from "../support/slack-driver";
import { slackSignature } from "../support/slack-requests";
import { testDb } from "../support/test-db";

/** How many random payloads reach the running bot: each is cheap, except one no listener takes (Bolt waits 3 s for it). */
const PAYLOADS = 300;
const CONCURRENCY = 25;

let slack: LocalWorkspace;
let app: AppProcess;
let db: Db;
const orders = [cyberbizOrder({ total: 1_000 }), qoo10Order({ status: "new" }), qoo10Order({ status: "awaiting_shipment" })];
/** Requests of this file, waiting for approval: the only real ids the fuzz clicks and rejects (other files share the database). */
const ownIds: number[] = [];

beforeAll(async () => {
  slack = testWorkspace();
  await slack.start();
  db = testDb();
  await upsertOrders(db, orders);
  app = await startApp({ env: appEnv(slack.apiUrl, { REFUND_APPROVERS: "U0BOSS" }) });
  const driver = new SlackDriver(() => app.baseUrl, slack);
  for (const amount of ["100", "200"]) {
    ownIds.push(await driver.fileRequest("/refund", orders[0]!.orderId, { initiator: "store", kind: "refund", reason: "defective_item", amount }));
  }
});

afterAll(async () => {
  await app?.stop();
  await slack?.stop();
  await db?.$disconnect();
});

/** A request id as a button or a modal might carry it: one of ours, or one that names nothing. */
const requestIdText = () => fc.oneof(fc.constantFrom(...ownIds.map(String)), fc.constantFrom("0", "-1", "2147483648", "99999999999", "1.5", ""));

const fuzzUser = fc.oneof(fc.stringMatching(/^U0FUZZ[0-9]{1,3}$/), fc.constant("U0BOSS"));
const someText = fc.oneof(fc.string({ maxLength: 60 }), fc.string({ unit: "grapheme", maxLength: 30 }), fc.constantFrom(...orders.map((o) => o.orderId), ...orders.map((o) => `${o.platform}:${o.orderId}`), "status RD-1", "report 2026-01-01", "policy qoo10", "intake", "help"));
const orderRef = fc.constantFrom(...orders.map((o) => ({ platform: o.platform, orderId: o.orderId })), { platform: "qoo10", orderId: "NOPE" });

/** private_metadata: valid for a real order, nearly valid, or junk. */
const requestMetadata = fc.oneof(
  fc
    .record({ ref: orderRef, channelId: fc.constantFrom("C0SUPPORT", ""), command: fc.constantFrom("refund", "cancel", "x"), initiator: fc.constantFrom("store", "customer", 1), kind: fc.constantFrom("cancel", "refund", "return", null) })
    .map(({ ref, ...rest }) => JSON.stringify({ ...ref, ...rest })),
  fc.jsonValue().map((v) => JSON.stringify(v)),
  fc.string(),
);
const choice = fc.oneof(fc.constantFrom("store", "customer", "cancel", "refund", "return", "out_of_stock", "customer_request", "defective_item", "other", "notify_customer"), fc.anything());
const stateValues = fc.oneof(
  fc.record(
    {
      initiator: fc.record({ initiator_choice: fc.record({ selected_option: fc.record({ value: choice }) }) }),
      kind: fc.record({ kind_choice: fc.record({ selected_option: fc.oneof(fc.record({ value: choice }), fc.constant(null)) }) }),
      reason_store_cancel: fc.record({ reason_choice: fc.record({ selected_option: fc.record({ value: choice }) }) }),
      reason_customer_cancel: fc.record({ reason_choice: fc.record({ selected_option: fc.record({ value: choice }) }) }),
      amount: fc.record({ amount_input: fc.record({ value: fc.oneof(fc.stringMatching(/^[0-9,]{1,6}$/), fc.anything()) }) }),
      options: fc.record({ options_choice: fc.record({ selected_options: fc.oneof(fc.array(fc.record({ value: choice }), { maxLength: 3 }), fc.anything()) }) }),
      note: fc.record({ note_input: fc.record({ value: fc.oneof(fc.string({ maxLength: 2100 }), fc.anything()) }) }),
      reject_reason: fc.record({ reject_reason_input: fc.record({ value: fc.oneof(fc.string({ maxLength: 600 }), fc.anything()) }) }),
    },
    { requiredKeys: [] },
  ),
  fc.anything(),
);

interface Payload {
  kind: string;
  form: Record<string, string>;
  /** For a view submission: the view id, which would be its request's idempotency key. */
  viewId?: string;
}

/** Payloads as Slack sends them, nearly, and not at all; built when the test runs, once the ids of its own requests are known. */
function payloadArbitrary(): fc.Arbitrary<Payload> {
  const command = fc.record({ command: fc.constantFrom("/refund", "/cancel"), text: someText, user: fuzzUser }).map(({ command: name, text, user }): Payload => ({
    kind: "command",
    form: { token: "t", team_id: "T0FAKE", channel_id: "C0SUPPORT", user_id: user, command: name, text, response_url: slack.responseUrl(`fuzz-${randomUUID()}`), trigger_id: TRIGGER, api_app_id: "A0APP" },
  }));

  const blockAction = fc
    .record({
      actionId: fc.oneof(fc.constantFrom("approve_request", "reject_request", "initiator_choice", "kind_choice"), fc.string({ maxLength: 10 })),
      value: fc.oneof(fc.string({ maxLength: 12 }), requestIdText(), fc.anything()),
      user: fc.oneof({ arbitrary: fuzzUser.map((id) => ({ id, team_id: "T0FAKE" })), weight: 5 }, { arbitrary: fc.anything(), weight: 1 }),
      metadata: requestMetadata,
      withView: fc.boolean(),
      withResponseUrl: fc.boolean(),
      actions: fc.option(fc.anything(), { nil: undefined, freq: 6 }),
    })
    .map(({ actionId, value, user, metadata, withView, withResponseUrl, actions }): Payload => ({
      kind: "block_actions",
      form: {
        payload: JSON.stringify({
          type: "block_actions",
          team: { id: "T0FAKE" },
          user,
          api_app_id: "A0APP",
          trigger_id: TRIGGER,
          ...(withResponseUrl ? { response_url: slack.responseUrl(`fuzz-${randomUUID()}`) } : {}),
          ...(withView ? { view: { id: "VFUZZ", hash: "h", callback_id: "request_modal", private_metadata: metadata, state: { values: {} }, team_id: "T0FAKE", type: "modal" } } : {}),
          actions: actions ?? [{ type: "button", action_id: actionId, block_id: "b", value, selected_option: { value }, action_ts: "1.2" }],
        }),
      },
    }));

  const viewSubmission = fc
    .record({
      callbackId: fc.oneof({ arbitrary: fc.constantFrom("request_modal", "reject_request_modal"), weight: 4 }, { arbitrary: fc.string({ maxLength: 10 }), weight: 1 }),
      metadata: fc.oneof(requestMetadata, requestIdText().map((id) => JSON.stringify({ requestId: /^\d+$/.test(id) ? Number(id) : id }))),
      values: stateValues,
      user: fuzzUser,
    })
    .map(({ callbackId, metadata, values, user }): Payload => {
      const viewId = `VFUZZ${randomUUID().replaceAll("-", "").slice(0, 12).toUpperCase()}`;
      return {
        kind: "view_submission",
        viewId,
        form: {
          payload: JSON.stringify({
            type: "view_submission",
            team: { id: "T0FAKE" },
            user: { id: user, team_id: "T0FAKE" },
            api_app_id: "A0APP",
            view: { id: viewId, team_id: "T0FAKE", type: "modal", callback_id: callbackId, private_metadata: metadata, hash: "h", state: { values } },
          }),
        },
      };
    });

  const junk = fc.oneof(
    fc.jsonValue().map((v): Payload => ({ kind: "json payload", form: { payload: JSON.stringify(v) } })),
    fc.dictionary(fc.string({ maxLength: 8 }), fc.string({ maxLength: 20 })).map((form): Payload => ({ kind: "form", form })),
    fc.record({ type: fc.constantFrom("view_closed", "shortcut", "message_action", "block_suggestion", "event_callback", "url_verification"), extra: fc.anything() }).map((p): Payload => ({ kind: p.type, form: { payload: JSON.stringify(p) } })),
  );

  return fc.oneof({ arbitrary: command, weight: 3 }, { arbitrary: blockAction, weight: 3 }, { arbitrary: viewSubmission, weight: 4 }, { arbitrary: junk, weight: 2 });
}

/** Stands for a trigger id, given out by the workspace as the payload is sent (as Slack gives one with each action). */
const TRIGGER = "<trigger>";

async function send(payload: Payload): Promise<{ payload: Payload; status: number; body: string }> {
  const form = Object.fromEntries(Object.entries(payload.form).map(([key, value]) => [key, value.replace(TRIGGER, () => slack.state.issueTrigger("U0FUZZ"))]));
  const body = new URLSearchParams(form).toString();
  const timestamp = Math.floor(Date.now() / 1000);
  try {
    const res = await fetch(`${app.baseUrl}/slack/events`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", "x-slack-request-timestamp": String(timestamp), "x-slack-signature": slackSignature(body, timestamp) },
      body,
    });
    return { payload, status: res.status, body: await res.text() };
  } catch (error) {
    // No answer at all (the connection closed): as bad as a 5xx.
    return { payload, status: 599, body: String((error as Error).cause ?? error) };
  }
}

describe(`${PAYLOADS} random, signed Slack payloads against the running bot`, () => {
  it("get no 5xx, take nothing down, and write a request only for a submission that was accepted", async () => {
    const sample = fc.sample(payloadArbitrary(), { numRuns: PAYLOADS, seed: 20261123 });
    const results: Awaited<ReturnType<typeof send>>[] = [];
    for (let i = 0; i < sample.length; i += CONCURRENCY) results.push(...(await Promise.all(sample.slice(i, i + CONCURRENCY).map(send))));

    const serverErrors = results.filter((r) => r.status >= 500).map((r) => `${r.status} ${r.payload.kind}: ${JSON.stringify(r.payload.form).slice(0, 300)}`);
    expect(serverErrors).toEqual([]);
    expect((await fetch(`${app.baseUrl}/healthz`)).status).toBe(200);
    expect(app.child.exitCode).toBeNull();
    // Every payload was answered: 2xx, or 4xx (400 malformed, 404 for one no listener takes).
    expect(results.every((r) => r.status >= 200 && r.status < 500)).toBe(true);

    // No partial write: a submission answered with errors (or not taken) left no request behind; an accepted one filed exactly one.
    for (const r of results.filter((x) => x.payload.viewId)) {
      const filed = await db.refundRequest.count({ where: { idempotencyKey: `slack-view:T0FAKE:${r.payload.viewId}` } });
      const accepted = r.status === 200 && r.body === "";
      expect(filed, `${r.body.slice(0, 200)} for ${r.payload.form.payload?.slice(0, 300)}`).toBe(accepted && JSON.parse(r.payload.form.payload!).view.callback_id === "request_modal" ? 1 : 0);
    }
    // Nobody but an approver answers a request, whatever the buttons said.
    expect(await db.approval.count({ where: { approverId: { startsWith: "U0FUZZ" } } })).toBe(0);
    // And no listener threw: every malformed payload was answered, not crashed on.
    const failures = app.output.filter((line) => line.includes('"msg":"Slack listener failed"'));
    expect(failures.map((l) => l.slice(0, 400))).toEqual([]);
  });
});
