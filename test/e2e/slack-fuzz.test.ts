import { randomUUID } from "node:crypto";
import { request as httpRequest } from "node:http";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../src/db/client";
import { upsertOrders } from "../../src/db/orders";
import type { LocalWorkspace } from "../../src/local-workspace/local-workspace";
import type { AppProcess } from "../support/app-process";
import { cyberbizOrder, qoo10Order } from "../support/orders";
import { startSlackApp, type SlackApp } from "../support/slack-app";
import { slackSignature } from "../support/slack-requests";

/** How many random payloads reach the running bot. */
const PAYLOADS = 300;
const CONCURRENCY = 25;
/** Slack gives up on an answer after 3 s and shows the person an error: a later answer is a failure too. */
const SLACK_WAITS_MS = 3_000;

let slack: LocalWorkspace;
let app: AppProcess;
let db: Db;
const orders = [cyberbizOrder({ total: 1_000 }), qoo10Order({ status: "new" }), qoo10Order({ status: "awaiting_shipment" })];
/** Requests of this file, waiting for approval: the only real ids the fuzz clicks and rejects (other files share the database). */
const ownIds: number[] = [];
let running: SlackApp | undefined;

beforeAll(async () => {
  running = await startSlackApp({ env: { REFUND_APPROVERS: "U0BOSS" } });
  ({ slack, app, db } = running);
  await upsertOrders(db, orders);
  const { driver } = running;
  for (const amount of ["100", "200"]) {
    ownIds.push(await driver.fileRequest("/refund", orders[0]!.orderId, { initiator: "store", kind: "refund", reason: "defective_item", amount }));
  }
});

afterAll(() => running?.stop());

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
  /** How the request is signed: as Slack does, or with headers Slack never sends (each refused with 401). */
  headers: HeaderVariant;
}

/**
 * The signing headers: as Slack sends them, or not quite: a signature with extra `=`-separated parts
 * (Bolt reads only the first two), twice, without a timestamp, or with the timestamp twice.
 */
const HEADER_VARIANTS = ["slack", "extra_parts", "signature_twice", "no_timestamp", "timestamp_twice", "stale_timestamp_twice"] as const;
type HeaderVariant = (typeof HEADER_VARIANTS)[number];
const headerVariant = fc.oneof({ arbitrary: fc.constant<HeaderVariant>("slack"), weight: 6 }, { arbitrary: fc.constantFrom(...HEADER_VARIANTS.slice(1)), weight: 2 });

/** Payloads as Slack sends them, nearly, and not at all; built when the test runs, once the ids of its own requests are known. */
function payloadArbitrary(): fc.Arbitrary<Payload> {
  const command = fc.record({ command: fc.constantFrom("/refund", "/cancel"), text: someText, user: fuzzUser }).map(({ command: name, text, user }): Omit<Payload, "headers"> => ({
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
    .map(({ actionId, value, user, metadata, withView, withResponseUrl, actions }): Omit<Payload, "headers"> => ({
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
    .map(({ callbackId, metadata, values, user }): Omit<Payload, "headers"> => {
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
    fc.jsonValue().map((v): Omit<Payload, "headers"> => ({ kind: "json payload", form: { payload: JSON.stringify(v) } })),
    fc.dictionary(fc.string({ maxLength: 8 }), fc.string({ maxLength: 20 })).map((form): Omit<Payload, "headers"> => ({ kind: "form", form })),
    fc.record({ type: fc.constantFrom("view_closed", "shortcut", "message_action", "block_suggestion", "event_callback", "url_verification"), extra: fc.anything() }).map((p): Omit<Payload, "headers"> => ({ kind: p.type, form: { payload: JSON.stringify(p) } })),
  );

  const payload = fc.oneof({ arbitrary: command, weight: 3 }, { arbitrary: blockAction, weight: 3 }, { arbitrary: viewSubmission, weight: 4 }, { arbitrary: junk, weight: 2 });
  return fc.tuple(payload, headerVariant).map(([p, headers]) => ({ ...p, headers }));
}

/** Stands for a trigger id, given out by the workspace as the payload is sent (as Slack gives one with each action). */
const TRIGGER = "<trigger>";

/** The headers of a request signed as `variant` says: a header given twice is sent as two lines, as a client can. */
function headersOf(body: string, variant: HeaderVariant): Record<string, string | string[]> {
  const timestamp = Math.floor(Date.now() / 1000);
  const signature = slackSignature(body, timestamp);
  const form = { "content-type": "application/x-www-form-urlencoded" };
  switch (variant) {
    case "slack":
      return { ...form, "x-slack-request-timestamp": String(timestamp), "x-slack-signature": signature };
    case "extra_parts":
      return { ...form, "x-slack-request-timestamp": String(timestamp), "x-slack-signature": `${signature}=${randomUUID().slice(0, 4)}` };
    case "signature_twice":
      return { ...form, "x-slack-request-timestamp": String(timestamp), "x-slack-signature": [signature, signature] };
    case "no_timestamp":
      return { ...form, "x-slack-signature": signature };
    case "timestamp_twice":
      return { ...form, "x-slack-request-timestamp": [String(timestamp), String(timestamp)], "x-slack-signature": signature };
    case "stale_timestamp_twice":
      // The signature is good for the first; a checker that read the second would see a stale request.
      return { ...form, "x-slack-request-timestamp": [String(timestamp), String(timestamp - 600)], "x-slack-signature": signature };
  }
}

async function send(payload: Payload): Promise<{ payload: Payload; status: number; body: string; ms: number }> {
  const form = Object.fromEntries(Object.entries(payload.form).map(([key, value]) => [key, value.replace(TRIGGER, () => slack.state.issueTrigger("U0FUZZ"))]));
  const body = new URLSearchParams(form).toString();
  const started = performance.now();
  const answer = await new Promise<{ status: number; body: string }>((resolve) => {
    const req = httpRequest(`${app.baseUrl}/slack/events`, { method: "POST", headers: headersOf(body, payload.headers) }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") }));
      res.on("error", (error) => resolve({ status: 599, body: String(error) }));
    });
    // No answer at all (the connection closed): as bad as a 5xx.
    req.on("error", (error) => resolve({ status: 599, body: String(error) }));
    req.end(body);
  });
  return { payload, ...answer, ms: performance.now() - started };
}

describe(`${PAYLOADS} random, signed Slack payloads against the running bot`, () => {
  it("get no 5xx, take nothing down, and write a request only for a submission that was accepted", async () => {
    const sample = fc.sample(payloadArbitrary(), { numRuns: PAYLOADS, seed: 20261123 });
    const results: Awaited<ReturnType<typeof send>>[] = [];
    for (let i = 0; i < sample.length; i += CONCURRENCY) results.push(...(await Promise.all(sample.slice(i, i + CONCURRENCY).map(send))));

    const serverErrors = results.filter((r) => r.status >= 500).map((r) => `${r.status} ${r.payload.kind}: ${JSON.stringify(r.payload.form).slice(0, 300)}`);
    expect(serverErrors).toEqual([]);
    // Slack shows the person an error after 3 s: every payload, whatever it is, was answered before.
    const late = results.filter((r) => r.ms > SLACK_WAITS_MS).map((r) => `${Math.round(r.ms)} ms ${r.status} ${r.payload.kind}/${r.payload.headers}: ${JSON.stringify(r.payload.form).slice(0, 200)}`);
    expect(late).toEqual([]);
    // Headers Slack never sends are refused, whatever the payload: a signature with extra parts would otherwise run a captured request again.
    const signedOtherwise = results.filter((r) => r.payload.headers !== "slack");
    expect(signedOtherwise.length).toBeGreaterThan(20);
    expect(signedOtherwise.filter((r) => r.status !== 401).map((r) => `${r.status} ${r.payload.headers}`)).toEqual([]);
    expect((await fetch(`${app.baseUrl}/healthz`)).status).toBe(200);
    expect(app.child.exitCode).toBeNull();
    // Every payload was answered: 2xx (one no listener takes, too), or 4xx (400 malformed, 401 for headers Slack never sends).
    expect(results.every((r) => r.status >= 200 && r.status < 500)).toBe(true);

    // No partial write: a submission answered with errors (or not taken, or refused for its headers) left no request behind; an accepted one filed exactly one.
    for (const r of results.filter((x) => x.payload.viewId)) {
      const filed = await db.refundRequest.count({ where: { idempotencyKey: `slack-view:T0FAKE:${r.payload.viewId}` } });
      const accepted = r.status === 200 && r.body === "" && r.payload.headers === "slack";
      expect(filed, `${r.body.slice(0, 200)} for ${r.payload.form.payload?.slice(0, 300)}`).toBe(accepted && JSON.parse(r.payload.form.payload!).view.callback_id === "request_modal" ? 1 : 0);
    }
    // Nobody but an approver answers a request, whatever the buttons said.
    expect(await db.approval.count({ where: { approverId: { startsWith: "U0FUZZ" } } })).toBe(0);
    // And no listener threw: every malformed payload was answered, not crashed on.
    const failures = app.output.filter((line) => line.includes('"msg":"Slack listener failed"'));
    expect(failures.map((l) => l.slice(0, 400))).toEqual([]);
  });
});
