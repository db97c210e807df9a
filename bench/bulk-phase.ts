import type { SlackCall } from "../src/local-workspace/workspace-types";
import type { FakeSlackChild } from "./fake-slack-child";
import { slashCommand, viewSubmission } from "../test/support/slack-requests";
import type { SlackSender } from "./slack-client";

/** Calls the bulk phase waits for: the bench's fake Slack does not keep its calls, it forwards them here. */
export class CallWatch {
  private readonly waiters = new Set<{ match: (c: SlackCall) => boolean; resolve: (c: SlackCall) => void }>();

  onCall(call: SlackCall): void {
    for (const waiter of [...this.waiters]) {
      if (!waiter.match(call)) continue;
      this.waiters.delete(waiter);
      waiter.resolve(call);
    }
  }

  next(match: (c: SlackCall) => boolean, timeoutMs: number, what: string): Promise<SlackCall> {
    return new Promise((resolve, reject) => {
      const waiter = { match, resolve: (c: SlackCall) => (clearTimeout(timer), resolve(c)) };
      const timer = setTimeout(() => (this.waiters.delete(waiter), reject(new Error(`bulk phase: no ${what} after ${timeoutMs} ms`))), timeoutMs);
      this.waiters.add(waiter);
    });
  }
}

/**
 * `bulk10kSeconds`: a bulk cancel of `orderIds.length` orders as an agent does it (`/cancel bulk`, a
 * CSV file uploaded in the modal, Review, File), from the command to the final summary: the results
 * CSV uploaded in the batch message's thread.
 */
export async function bulkSeconds(sender: SlackSender, slack: FakeSlackChild, watch: CallWatch, orderIds: readonly string[]): Promise<number> {
  const fileId = await slack.hostFile("orders.csv", `order_id,reason\n${orderIds.map((id) => `${id},out_of_stock`).join("\n")}\n`);
  const started = performance.now();
  const opened = watch.next((c) => c.method === "views.open" && JSON.stringify(c.body.view).includes('"callback_id":"bulk_csv_modal"'), 10_000, "bulk modal");
  await sender.send(slashCommand({ command: "/cancel", text: "bulk", responseUrl: slack.responseUrl("bench-bulk") }));
  const modal = (await opened).body.view as Record<string, unknown>;
  const values = {
    bulk_kind: { bulk_kind_choice: { type: "radio_buttons", selected_option: { value: "cancel" } } },
    bulk_initiator: { bulk_initiator_choice: { type: "radio_buttons", selected_option: { value: "store" } } },
    bulk_reason: { bulk_reason_choice: { type: "static_select", selected_option: null } },
    bulk_options: { bulk_options_choice: { type: "checkboxes", selected_options: [] } },
    bulk_note: { bulk_note_input: { type: "plain_text_input", value: null } },
    bulk_csv: { bulk_csv_input: { type: "plain_text_input", value: null } },
    bulk_file: { bulk_file_input: { type: "file_input", files: [{ id: fileId, name: "orders.csv" }] } },
  };
  const reviewed = await sender.send(viewSubmission(modal, values));
  const review = (JSON.parse(reviewed.body) as { response_action?: string; view?: Record<string, unknown> }).view;
  if (!review) throw new Error(`bulk phase: the CSV was not accepted: ${reviewed.body.slice(0, 300)}`);
  const summary = watch.next((c) => c.method === "files.completeUploadExternal" && Boolean(c.body.thread_ts), 120_000, "results CSV");
  const filed = await sender.send(viewSubmission(review, {}));
  if (filed.body !== "") throw new Error(`bulk phase: the review was not accepted: ${filed.body.slice(0, 300)}`);
  await summary;
  return (performance.now() - started) / 1000;
}
