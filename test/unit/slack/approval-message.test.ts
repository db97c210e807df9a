import { describe, expect, it } from "vitest";
import { buildApprovalMessage, type ApprovalMessageInput } from "../../../src/slack/messages/approval-message";
import { buildAppHome } from "../../../src/slack/views/app-home";
import { threadReplyFor } from "../../../src/slack/messages/thread-reply";
import { buildTimeline } from "../../../src/slack/messages/timeline";
import { wordsFor } from "../../../src/presentation/index";

const en = wordsFor("en");

const base: ApprovalMessageInput = {
  id: 7,
  platform: "cyberbiz",
  orderId: "CB1",
  kind: "refund",
  initiator: "customer",
  reason: "defective_item",
  amount: 1200,
  currency: "TWD",
  note: null,
  customerMessage: "It arrived broken",
  requestedBy: "U0AGENT",
  state: "awaiting_approval",
  decision: { outcome: "allow", route: "approval_policy", ruleIds: ["C8"], refundAmount: 1200, feeBearer: "none", restore: { points: 0, coupons: [] }, buyerNoticeRequired: false, explanation: "Refundable." },
  engineVersion: "1.0.0",
  approvalsRequired: 2,
  answers: [],
};

const json = (value: unknown) => JSON.stringify(value);

describe("the approval message", () => {
  it("while waiting: the decision, its rules, the requester, the customer's words, and the two buttons carrying the request id", () => {
    const { text, blocks } = buildApprovalMessage(en, base);
    expect(text).toContain("Approval needed for RD-7");
    const all = json(blocks);
    expect(all).toContain("NT$1,200");
    expect(all).toContain("Rules: C8");
    expect(all).toContain("<@U0AGENT>");
    expect(all).toContain("It arrived broken");
    expect(all).toContain("Needs 2 approvers, not the requester");
    expect(all).toMatch(/"action_id":"approve_request".*"value":"7"/);
    expect(all).toMatch(/"action_id":"reject_request".*"value":"7"/);
  });

  it("shows who approved so far", () => {
    const at = new Date("2026-11-23T10:00:00Z");
    expect(json(buildApprovalMessage(en, { ...base, answers: [{ approverId: "U0BOSS", verdict: "approve", reason: null, at }] }).blocks)).toContain("(<@U0BOSS> approved)");
  });

  it("once decided the buttons are gone and it says who, when and why", () => {
    const at = new Date("2026-11-23T10:00:00Z");
    const rejected = json(buildApprovalMessage(en, { ...base, state: "denied", answers: [{ approverId: "U0BOSS", verdict: "reject", reason: "No photo", at }] }).blocks);
    expect(rejected).not.toContain("approve_request");
    expect(rejected).toContain(":no_entry: Rejected by <@U0BOSS> <!date^1795428000^");
    expect(rejected).toContain("No photo");
    const approved = json(buildApprovalMessage(en, { ...base, state: "completed", answers: [{ approverId: "U0A", verdict: "approve", reason: null, at }, { approverId: "U0B", verdict: "approve", reason: null, at }] }).blocks);
    expect(approved).not.toContain("reject_request");
    expect(approved).toContain("Approved by <@U0A> and <@U0B>");
    expect(approved).toContain("Now: done.");
    expect(json(buildApprovalMessage(en, { ...base, state: "expired" }).blocks)).toContain("Expired");
  });
});

describe("thread replies", () => {
  const event = (action: string, detail: unknown, toState: string | null = null) => ({ action, actor: "U0BOSS", actorType: "user", toState, detail });

  it("tell each step once, in words, and stay silent on what the message itself shows", () => {
    expect(threadReplyFor(en, event("filed", { origin: "slack" }))).toBeNull();
    expect(threadReplyFor(en, event("approval_refused", { user: "U1", why: "own_request" }))).toBeNull();
    expect(threadReplyFor(en, event("approval_given", { approver: "U0BOSS", remaining: 1 }))).toBe(":ballot_box_with_check: <@U0BOSS> approved; 1 more approver needed.");
    expect(threadReplyFor(en, event("approved", { approvers: ["U0A", "U0B"] }, "approved"))).toBe(":white_check_mark: Approved by <@U0A> and <@U0B>.");
    expect(threadReplyFor(en, event("denied", { approver: "U0A", reason: "<!here> no" }))).toBe(":no_entry: Rejected by <@U0A>: &lt;!here&gt; no");
    expect(threadReplyFor(en, event("expired", { afterMs: 3 * 3_600_000 }))).toBe(":hourglass: Expired: nobody decided within 3 h.");
    expect(threadReplyFor(en, event("escalated", { to: "C0ESC" }))).toContain("<#C0ESC>");
    expect(threadReplyFor(en, event("effect_done", { effect: "refund", provider: "LINE Pay", reference: "2026112300000000001" }))).toBe(":heavy_check_mark: Refunded at LINE Pay (2026112300000000001).");
    expect(threadReplyFor(en, event("effect_failed", { effect: "refund", provider: "LINE Pay", code: "9000", message: "busy", permanent: false }))).toBeNull();
  });

  it("a row whose detail does not have the agreed shape is not told (rather than told wrong)", () => {
    expect(threadReplyFor(en, event("denied", { approver: 5 }))).toBeNull();
    expect(threadReplyFor(en, event("no_such_action", {}))).toBeNull();
  });
});

describe("App Home", () => {
  it("approvers see what waits for them with the buttons; everyone sees their own requests", () => {
    const approverHome = json(buildAppHome(wordsFor("en"), { approver: true, waiting: [base], waitingTotal: 1, open: [], recent: [{ ...base, id: 3, state: "completed" }] }).blocks);
    expect(approverHome).toContain("Waiting for me (1)");
    expect(approverHome).not.toContain("The oldest");
    expect(approverHome).toMatch(/"action_id":"approve_request".*"value":"7"/);
    expect(approverHome).toContain("*RD-3*");
    const agentHome = json(buildAppHome(wordsFor("en"), { approver: false, waiting: [], waitingTotal: 0, open: [base], recent: [] }).blocks);
    expect(agentHome).not.toContain("Waiting for me");
    expect(agentHome).not.toContain("approve_request");
    expect(agentHome).toContain("*RD-7* · Refund · Cyberbiz CB1 · NT$1,200 · _waiting for approval_");
  });

  it("says how many wait in all when more wait than it lists", () => {
    const waiting = Array.from({ length: 20 }, (_, i) => ({ ...base, id: 100 + i }));
    const home = json(buildAppHome(wordsFor("en"), { approver: true, waiting, waitingTotal: 1480, open: [], recent: [] }).blocks);
    expect(home).toContain("Waiting for me (1,480)");
    expect(home).toContain("The oldest 20 are below; the rest wait in the approvals channel.");
    expect(home.match(/"action_id":"approve_request"/g)).toHaveLength(20);
  });
});

describe("the /refund status timeline", () => {
  it("lists every audit row with who, what and the move between states", () => {
    const at = new Date("2026-11-23T10:00:00Z");
    const { blocks } = buildTimeline(en, { ...base, state: "denied" }, [
      { at, action: "filed", actor: "U0AGENT", actorType: "user", fromState: null, toState: "submitted", detail: { origin: "slack" } },
      { at, action: "decided", actor: "refund-desk", actorType: "system", fromState: "submitted", toState: "awaiting_approval", detail: { outcome: "allow", ruleIds: ["C8"] } },
      { at, action: "approval_refused", actor: "U0AGENT", actorType: "user", fromState: null, toState: null, detail: { user: "U0AGENT", why: "own_request" } },
      { at, action: "denied", actor: "U0BOSS", actorType: "user", fromState: "awaiting_approval", toState: "denied", detail: { approver: "U0BOSS", reason: "No" } },
    ]);
    const lines = String((blocks[1] as { text: { text: string } }).text.text).split("\n");
    expect(lines).toHaveLength(4);
    expect(lines[0]).toContain("<@U0AGENT> · filed it from slack (new → evaluating…)");
    expect(lines[1]).toContain("Refund Desk · decided: allowed by rules C8 (evaluating… → waiting for approval)");
    expect(lines[2]).toContain("tried to decide it and was refused (their own request)");
    expect(lines[3]).toContain("Rejected by <@U0BOSS>: No (waiting for approval → rejected by an approver)");
  });
});
