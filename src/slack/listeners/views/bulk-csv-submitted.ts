import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from "@slack/bolt";
import type { Services } from "../../../app/services";
import { describeProblems, parseBulkCsv } from "../../parse-bulk-csv";
import { draftBatch } from "../../../use-cases/file-batch";
import { channelWords } from "../../channel-words";
import { skippedLine } from "../../messages/batch-message";
import { formatMoney } from "../../format";
import { IDS } from "../../ids";
import { readSlackFile } from "../../read-slack-file";
import { buildBulkReview, bulkCsvMetadataSchema } from "../../views/bulk-modal";
import { csvSourceOf, parseBulkShared } from "../../views/parse-bulk-submission";
import { parseJsonMetadata } from "./bulk-answers";

type ViewArgs = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;

/** Slack shows at most this much of an error under a block. */
const MAX_ERROR = 1_900;

/**
 * The CSV modal's Review: the CSV (pasted, or uploaded and downloaded from Slack) is checked line by
 * line and every problem is shown in place with its line number; otherwise the orders are looked up
 * at once and the modal turns into the review, which shows what was recognised before the agent files.
 */
export function bulkCsvSubmittedListener(services: Services) {
  return async ({ ack, body, view, client }: ViewArgs): Promise<void> => {
    const metadata = parseJsonMetadata(bulkCsvMetadataSchema, view.private_metadata);
    if (!metadata) return ack({ response_action: "errors", errors: { [IDS.blocks.bulkCsv]: "This form is out of date: close it and run the command again." } });
    const shared = parseBulkShared(view.state, { reasonRequired: false });
    const errors: Record<string, string> = shared.ok ? {} : { ...shared.errors };

    const source = csvSourceOf(view.state);
    let text: string | null = null;
    let block: string = IDS.blocks.bulkCsv;
    if (source.kind === "none") errors[IDS.blocks.bulkCsv] = "Paste the lines here, or upload a CSV file below.";
    else if (source.kind === "both") errors[IDS.blocks.bulkCsv] = "Paste the lines or upload a file, not both.";
    else if (source.kind === "text") text = source.text;
    else {
      block = IDS.blocks.bulkFile;
      const file = await readSlackFile(client, source.fileId, { token: services.config.slack.botToken, ...(services.config.slack.apiUrl ? { apiUrl: services.config.slack.apiUrl } : {}) });
      if (file.ok) text = file.text;
      else errors[block] = file.problem;
    }
    const csv = text === null ? null : parseBulkCsv(text);
    if (csv && !csv.ok) errors[block] = describeProblems(csv.problems).slice(0, MAX_ERROR);
    if (csv?.ok && shared.ok && !shared.value.reason) {
      const without = csv.lines.filter((l) => !l.reason).map((l) => l.line);
      if (without.length) errors[IDS.blocks.bulkReason] = `Line${without.length === 1 ? "" : "s"} ${without.slice(0, 10).join(", ")}${without.length > 10 ? " …" : ""} name${without.length === 1 ? "s" : ""} no reason: pick the one they share.`;
    }
    if (Object.keys(errors).length > 0 || !csv?.ok || !shared.ok) return ack({ response_action: "errors", errors });

    const { batchId, resolution } = await draftBatch(services, { lines: csv.lines, source: "csv", shared: shared.value, createdBy: body.user.id, originChannel: metadata.channelId });
    if (resolution.overTotal.length > 0) {
      const lines = resolution.overTotal.map((o) => `${o.line !== undefined ? `Line ${o.line}: ` : ""}${o.amount.toLocaleString("en-US")} is more than order ${o.ref}'s total (${formatMoney(o.total, o.currency)})`);
      return ack({ response_action: "errors", errors: { [block]: `${describeProblems(lines.map((message) => ({ line: 0, message })))} No amount above an order's total can be refunded: correct ${lines.length === 1 ? "it" : "them"} and review again.`.slice(0, MAX_ERROR) } });
    }
    if (!batchId) return ack({ response_action: "errors", errors: { [block]: `No line names an order in the order store. ${skippedLine(channelWords(services.config, metadata.channelId), resolution.skipped, 10) ?? ""}`.slice(0, MAX_ERROR) } });
    await ack({ response_action: "update", view: buildBulkReview({ batchId, resolution, shared: shared.value }) });
  };
}
