import type { Words } from "../presentation/words";
import type { BatchVerdictResult } from "../use-cases/give-batch-verdict";

/** Approve all or Reject all, as the one who clicked reads what came of it. */
export function batchVerdictReply(words: Words, result: BatchVerdictResult): string {
  const { batchId } = result;
  switch (result.kind) {
    case "unknown_batch":
      return words.t("replies.batch.unknown", { batchId });
    case "refused":
      return words.t(result.why === "own_batch" ? "replies.batch.own_batch" : "replies.batch.not_an_approver", { batchId });
    case "still_deciding":
      return words.t("replies.batch.still_deciding", { batchId });
    case "none_pending": {
      if (result.answers.length === 0) return words.t("replies.batch.nothing_waits", { batchId });
      const answers = words.list(result.answers.map((a) => words.t("replies.batch.answer", { approver: `<@${a.approverId}>`, verdict: a.verdict, count: words.number(a.n) })));
      return words.t("replies.batch.nothing_waits_answered", { batchId, answers });
    }
    case "duplicate":
      return words.t("replies.batch.duplicate", { batchId, count: result.count });
    case "rejected":
      return words.t("replies.batch.rejected", { batchId, count: result.rejected });
    case "approved":
      if (result.needMore === 0) return words.t("replies.batch.approved", { batchId, count: result.approved });
      if (result.approved === 0) return words.t("replies.batch.need_more", { batchId, count: result.needMore });
      return words.t("replies.batch.approved_need_more", { batchId, approved: result.approved, needMore: result.needMore });
  }
}
