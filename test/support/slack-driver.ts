import { randomUUID } from "node:crypto";
import type { LocalWorkspace } from "../../src/local-workspace/local-workspace";
import { eventCallback } from "../../src/local-workspace/payloads";
import { deliverJson } from "../../src/local-workspace/slack-deliveries";
import type { SlackCall } from "../../src/local-workspace/workspace-types";
import { blockAction, postToSlackEvents, SIGNING_SECRET, slashCommand, viewSubmission } from "./slack-requests";

export type View = { id: string; hash: string; private_metadata: string; blocks: { block_id?: string; element?: { action_id?: string } }[]; callback_id: string };

/** The shared fields of a bulk modal, as an agent fills them. */
export interface BulkInput {
  kind: string;
  initiator: string;
  reason?: string;
  options?: string[];
  note?: string;
  csv?: string;
  fileId?: string;
}

export interface RequestInput {
  initiator: string;
  kind: string;
  reason: string;
  amount?: string;
}

/**
 * Drives the bot the way Slack does: signed slash commands, modal submissions, button clicks and
 * events in, with trigger ids and response URLs the workspace gave out; what the bot says back is
 * read from the workspace's call log.
 */
export class SlackDriver {
  constructor(private readonly baseUrl: () => string, readonly slack: LocalWorkspace) {}

  command(command: "/refund" | "/cancel", text: string, userId = "U0AGENT", responseId = randomUUID()): Promise<Response> {
    const responseUrl = this.slack.responseUrl(responseId, { channel: "C0SUPPORT", user: userId });
    return postToSlackEvents(this.baseUrl(), slashCommand({ command, text, userId, responseUrl, triggerId: this.slack.state.issueTrigger(userId) }));
  }

  /** A slash command whose answer comes through its response_url; resolves with that answer. */
  async commandAnswer(command: "/refund" | "/cancel", text: string, userId = "U0AGENT"): Promise<SlackCall> {
    const id = randomUUID();
    const res = await this.command(command, text, userId, id);
    if (res.status !== 200) throw new Error(`command answered ${res.status}`);
    return this.slack.waitFor((c) => c.method === `response_url:${id}`, 10_000, `the answer to ${command} ${text}`);
  }

  /** Sends `/command ORDER` and returns the modal Slack was asked to open. */
  async openModal(command: "/refund" | "/cancel", orderId: string, userId = "U0AGENT"): Promise<View> {
    const res = await this.command(command, orderId, userId);
    if (res.status !== 200) throw new Error(`command answered ${res.status}`);
    const call = await this.slack.waitFor((c) => c.method === "views.open" && JSON.stringify(c.body.view).includes(orderId), 10_000, `views.open for ${orderId}`);
    const opened = call.response?.view as { id: string; hash: string };
    return { ...(call.body.view as View), id: opened.id, hash: opened.hash };
  }

  /** Sends `/command TEXT` (several ids, or `bulk`) and returns the bulk modal Slack was asked to open. */
  async openBulkModal(command: "/refund" | "/cancel", text: string, userId = "U0AGENT"): Promise<View> {
    const before = this.slack.callsTo("views.open").length;
    const res = await this.command(command, text, userId);
    if (res.status !== 200) throw new Error(`command answered ${res.status}`);
    const call = await this.slack.waitFor((c) => c.method === "views.open" && this.slack.callsTo("views.open").indexOf(c) >= before && /"callback_id":"bulk_(csv_)?modal"/.test(JSON.stringify(c.body.view)), 15_000, "the bulk modal");
    const opened = call.response?.view as { id: string; hash: string };
    return { ...(call.body.view as View), id: opened.id, hash: opened.hash };
  }

  /** The view_submission of a bulk modal (ids or CSV) filled with `input`. */
  fillBulk(view: View, input: BulkInput, userId = "U0AGENT"): Record<string, string> {
    const values: Record<string, Record<string, unknown>> = {
      bulk_kind: { bulk_kind_choice: { type: "radio_buttons", selected_option: { value: input.kind } } },
      bulk_initiator: { bulk_initiator_choice: { type: "radio_buttons", selected_option: { value: input.initiator } } },
      bulk_reason: { bulk_reason_choice: { type: "static_select", selected_option: input.reason ? { value: input.reason } : null } },
      bulk_options: { bulk_options_choice: { type: "checkboxes", selected_options: (input.options ?? []).map((value) => ({ value })) } },
      bulk_note: { bulk_note_input: { type: "plain_text_input", value: input.note ?? null } },
    };
    if (view.callback_id === "bulk_csv_modal") {
      values.bulk_csv = { bulk_csv_input: { type: "plain_text_input", value: input.csv ?? null } };
      values.bulk_file = { bulk_file_input: { type: "file_input", files: input.fileId ? [{ id: input.fileId, name: "orders.csv" }] : [] } };
    }
    return viewSubmission(view, values, userId, this.slack.state.issueTrigger(userId));
  }

  /** Clicks a radio button with dispatch_action in an open modal; returns the updated modal. */
  async choose(view: View, actionId: "initiator_choice" | "kind_choice", value: string): Promise<View> {
    const before = this.slack.callsTo("views.update").length;
    await postToSlackEvents(this.baseUrl(), blockAction(view, { type: "radio_buttons", action_id: actionId, block_id: actionId.replace("_choice", ""), selected_option: { value } }, "U0AGENT", this.slack.state.issueTrigger("U0AGENT")));
    const update = await this.slack.waitFor((c) => c.method === "views.update" && this.slack.callsTo("views.update").indexOf(c) >= before, 10_000, "views.update");
    return { ...(update.body.view as View), id: view.id, hash: (update.response?.view as { hash: string }).hash };
  }

  /** The view_submission of a request modal filled with `input`. */
  fill(view: View, input: RequestInput, userId = "U0AGENT"): Record<string, string> {
    const reasonBlock = view.blocks.find((b) => b.block_id?.startsWith("reason_"))?.block_id ?? `reason_${input.initiator}_${input.kind}`;
    const values: Record<string, Record<string, unknown>> = {
      initiator: { initiator_choice: { type: "radio_buttons", selected_option: { value: input.initiator } } },
      kind: { kind_choice: { type: "radio_buttons", selected_option: { value: input.kind } } },
      [reasonBlock]: { reason_choice: { type: "static_select", selected_option: { value: input.reason } } },
      options: { options_choice: { type: "checkboxes", selected_options: [{ value: "notify_customer" }] } },
      note: { note_input: { type: "plain_text_input", value: "Customer called" } },
    };
    if (input.amount !== undefined) values.amount = { amount_input: { type: "plain_text_input", value: input.amount } };
    return viewSubmission(view, values, userId, this.slack.state.issueTrigger(userId));
  }

  submit(form: Record<string, string>): Promise<Response> {
    return postToSlackEvents(this.baseUrl(), form);
  }

  /** Files a request through the modal and returns its id, read from the agent's confirmation. */
  async fileRequest(command: "/refund" | "/cancel", orderId: string, input: RequestInput, userId = "U0AGENT"): Promise<number> {
    const view = await this.openModal(command, orderId, userId);
    const res = await this.submit(this.fill(view, input, userId));
    const body = await res.text();
    if (body !== "") throw new Error(`the modal was not accepted: ${body}`);
    const confirmation = await this.slack.waitFor((c) => c.method === "chat.postEphemeral" && c.body.user === userId && String(c.body.text).includes(`of order ${orderId}`), 10_000, "the confirmation");
    return Number(/RD-(\d+)/.exec(String(confirmation.body.text))![1]);
  }

  /** Clicks a button on a message (with a response_url) or on App Home (without). */
  async click(actionId: string, value: string, userId: string, where: "message" | "home" = "message"): Promise<{ res: Response; responseId: string }> {
    const responseId = randomUUID();
    const payload = {
      type: "block_actions",
      team: { id: "T0FAKE", domain: "fake" },
      user: { id: userId, username: userId, name: userId, team_id: "T0FAKE" },
      api_app_id: "A0APP",
      token: "legacy",
      trigger_id: this.slack.state.issueTrigger(userId),
      ...(where === "message"
        ? { container: { type: "message", message_ts: "1.1", channel_id: "C0APPROVALS" }, channel: { id: "C0APPROVALS" }, message: { ts: "1.1", text: "x" }, response_url: this.slack.responseUrl(responseId, { channel: "C0APPROVALS", user: userId }) }
        : { container: { type: "view", view_id: "VHOME" }, view: { id: "VHOME", type: "home", team_id: "T0FAKE", app_id: "A0APP", bot_id: "B0BOT", hash: "h", private_metadata: "", callback_id: "", state: { values: {} }, blocks: [] } }),
      actions: [{ type: "button", action_id: actionId, block_id: "b", value, action_ts: String(Date.now() / 1000) }],
      is_enterprise_install: false,
    };
    const res = await postToSlackEvents(this.baseUrl(), { payload: JSON.stringify(payload) });
    return { res, responseId };
  }

  /** What the bot answered privately to a click on a message. */
  clickAnswer(responseId: string): Promise<SlackCall> {
    return this.slack.waitFor((c) => c.method === `response_url:${responseId}`, 10_000, "the answer to the click");
  }

  /** An Events API callback (JSON, signed like everything else). */
  event(event: Record<string, unknown>): Promise<Response> {
    return deliverJson(`${this.baseUrl()}/slack/events`, eventCallback(event, { team: { id: "T0FAKE", domain: "fake" }, appId: "A0APP" }), { secret: SIGNING_SECRET });
  }
}
