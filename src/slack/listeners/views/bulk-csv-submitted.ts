import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from "@slack/bolt";
import type { Services } from "../../../app/services";
import { parseBulkCsv } from "../../parse-bulk-csv";
import { describeProblems, listProblems } from "../../views/csv-problems";
import { draftBatch } from "../../../use-cases/file-batch";
import { skippedLine } from "../../messages/batch-message";
import { IDS } from "../../ids";
import { readSlackFile } from "../../read-slack-file";
import { buildBulkReview, bulkCsvMetadataSchema } from "../../views/bulk-modal";
import { csvSourceOf, parseBulkShared } from "../../views/parse-bulk-submission";
import { wordsIn } from "../their-words";
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
  return async ({ ack, body, view, client, context }: ViewArgs): Promise<void> => {
    const words = wordsIn(context);
    const metadata = parseJsonMetadata(bulkCsvMetadataSchema, view.private_metadata);
    if (!metadata) return ack({ response_action: "errors", errors: { [IDS.blocks.bulkCsv]: words.t("modals.out_of_date") } });
    const shared = parseBulkShared(words, view.state, { reasonRequired: false });
    const errors: Record<string, string> = shared.ok ? {} : { ...shared.errors };

    const source = csvSourceOf(view.state);
    let text: string | null = null;
    let block: string = IDS.blocks.bulkCsv;
    if (source.kind === "none") errors[IDS.blocks.bulkCsv] = words.t("modals.csv.none");
    else if (source.kind === "both") errors[IDS.blocks.bulkCsv] = words.t("modals.csv.both");
    else if (source.kind === "text") text = source.text;
    else {
      block = IDS.blocks.bulkFile;
      const file = await readSlackFile(client, source.fileId, { token: services.config.slack.botToken, ...(services.config.slack.apiUrl ? { apiUrl: services.config.slack.apiUrl } : {}) });
      if (file.ok) text = file.text;
      else errors[block] = file.problem;
    }
    const csv = text === null ? null : parseBulkCsv(text);
    if (csv && !csv.ok) errors[block] = describeProblems(words, csv.problems).slice(0, MAX_ERROR);
    if (csv?.ok && shared.ok && !shared.value.reason) {
      const without = csv.lines.filter((l) => !l.reason).map((l) => l.line);
      const lines = `${without.slice(0, 10).join(", ")}${without.length > 10 ? " …" : ""}`;
      if (without.length) errors[IDS.blocks.bulkReason] = words.t("modals.csv.lines_without_reason", { count: without.length, lines });
    }
    if (Object.keys(errors).length > 0 || !csv?.ok || !shared.ok) return ack({ response_action: "errors", errors });

    const { batchId, resolution } = await draftBatch(services, { lines: csv.lines, source: "csv", shared: shared.value, createdBy: body.user.id, originChannel: metadata.channelId });
    if (resolution.overTotal.length > 0) {
      const lines = resolution.overTotal.map((o) => {
        const values = { line: String(o.line), amount: words.number(o.amount), orderId: o.ref, total: words.money(o.total, o.currency) };
        return words.t(o.line !== undefined ? "modals.csv.over_total_on_line" : "modals.csv.over_total", values);
      });
      const end = words.t("modals.csv.over_total_end", { count: lines.length });
      return ack({ response_action: "errors", errors: { [block]: `${listProblems(words, lines.map((text) => ({ line: 0, text })))} ${end}`.slice(0, MAX_ERROR) } });
    }
    if (!batchId) return ack({ response_action: "errors", errors: { [block]: words.t("modals.csv.no_order", { skipped: skippedLine(words, resolution.skipped, 10) ?? "" }).trim().slice(0, MAX_ERROR) } });
    await ack({ response_action: "update", view: buildBulkReview(words, { batchId, resolution, shared: shared.value }) });
  };
}
