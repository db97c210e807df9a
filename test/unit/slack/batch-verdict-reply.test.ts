import { describe, expect, it } from "vitest";
import { wordsFor } from "../../../src/presentation/index";
import { batchVerdictReply } from "../../../src/slack/batch-verdict-reply";

const en = wordsFor("en");
const batchId = "B7K2";

describe("what the clicker of Approve all or Reject all is told", () => {
  it("says what was approved and what needs one more approver", () => {
    expect(batchVerdictReply(en, { done: true, kind: "approved", batchId, approved: 3, needMore: 0 })).toBe("Batch B7K2: approved 3 orders.");
    expect(batchVerdictReply(en, { done: true, kind: "approved", batchId, approved: 0, needMore: 1 })).toBe("Batch B7K2: 1 order needs one more approver.");
    expect(batchVerdictReply(en, { done: true, kind: "approved", batchId, approved: 1, needMore: 2 })).toBe("Batch B7K2: approved 1 order; 2 orders need one more approver.");
    expect(batchVerdictReply(en, { done: true, kind: "rejected", batchId, rejected: 5 })).toBe("Rejected 5 orders of batch B7K2.");
  });

  it("names who already answered when nothing waits any more", () => {
    const answers = [
      { approverId: "U0BOSS1", verdict: "approve" as const, n: 3 },
      { approverId: "U0BOSS2", verdict: "reject" as const, n: 1 },
    ];
    expect(batchVerdictReply(en, { done: false, kind: "none_pending", batchId, answers })).toBe("Nothing in batch B7K2 waits for approval any more (<@U0BOSS1> approved 3 and <@U0BOSS2> rejected 1).");
    expect(batchVerdictReply(en, { done: false, kind: "none_pending", batchId, answers: [] })).toBe("Nothing in batch B7K2 waits for approval any more.");
  });

  it("speaks the clicker's language", () => {
    expect(batchVerdictReply(wordsFor("zh-TW"), { done: false, kind: "refused", batchId, why: "own_batch" })).toContain("雙人覆核");
    expect(batchVerdictReply(wordsFor("ja"), { done: false, kind: "duplicate", batchId, count: 2 })).toBe("一括 B7K2 の承認待ちの注文 2 件にはすでに回答済みです。もう一人の承認者が必要です。");
    expect(batchVerdictReply(wordsFor("zh-CN"), { done: false, kind: "still_deciding", batchId })).toBe("批次 B7K2 仍在判定中：判定完成后才能一次批准其中的订单。");
  });
});
