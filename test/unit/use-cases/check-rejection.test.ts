import { describe, expect, it, vi } from "vitest";
import { checkBatchRejection, checkRejection } from "../../../src/use-cases/check-rejection";
import type { BatchRow, RequestRow } from "../../../src/use-cases/ports/store";
import type { UseCaseDeps } from "../../../src/use-cases/ports/use-case-deps";

const APPROVERS = new Set(["U0BOSS", "U0AGENTBOSS"]);

function depsWith(found: { request?: Partial<RequestRow>; batch?: Partial<BatchRow>; pending?: number }) {
  const store = {
    getRequest: vi.fn(async (id: number) => (found.request ? ({ id, ...found.request } as RequestRow) : null)),
    recordAudit: vi.fn(async () => undefined),
    getBatch: vi.fn(async (id: string) => (found.batch ? ({ id, ...found.batch } as BatchRow) : null)),
    recordBatchEvent: vi.fn(async () => 1n),
    pendingSummary: vi.fn(async () => ({ count: found.pending ?? 0, totals: [], maxRequired: 0 })),
  };
  const approvers = { isApprover: async (id: string) => APPROVERS.has(id), list: async () => [...APPROVERS] };
  return { store, deps: { store, approvers } as unknown as Pick<UseCaseDeps, "store" | "approvers"> };
}

describe("a click on Reject", () => {
  it("lets an approver reject a request that waits for approval, and writes nothing", async () => {
    const { store, deps } = depsWith({ request: { state: "awaiting_approval", requestedBy: "U0AGENT" } });
    expect(await checkRejection(deps, 12, "U0BOSS")).toEqual({ kind: "may_reject", requestId: 12 });
    expect(store.recordAudit).not.toHaveBeenCalled();
  });

  it("refuses the requester (four eyes) and a non-approver, each in the request's trail", async () => {
    const own = depsWith({ request: { state: "awaiting_approval", requestedBy: "U0AGENTBOSS" } });
    expect(await checkRejection(own.deps, 12, "U0AGENTBOSS")).toEqual({ kind: "refused", requestId: 12, why: "own_request" });
    expect(own.store.recordAudit).toHaveBeenCalledWith(12, { type: "user", id: "U0AGENTBOSS" }, "approval_refused", { user: "U0AGENTBOSS", why: "own_request" });
    const stranger = depsWith({ request: { state: "awaiting_approval", requestedBy: "U0AGENT" } });
    expect(await checkRejection(stranger.deps, 12, "U0NOBODY")).toEqual({ kind: "refused", requestId: 12, why: "not_an_approver" });
  });

  it("says when the request no longer waits, or does not exist", async () => {
    expect(await checkRejection(depsWith({ request: { state: "approved", requestedBy: "U0AGENT" } }).deps, 12, "U0BOSS")).toEqual({ kind: "not_pending", requestId: 12 });
    expect(await checkRejection(depsWith({}).deps, 12, "U0BOSS")).toEqual({ kind: "unknown_request" });
  });
});

describe("a click on Reject all", () => {
  it("lets an approver reject what waits in someone else's batch", async () => {
    const { store, deps } = depsWith({ batch: { createdBy: "U0AGENT" }, pending: 7 });
    expect(await checkBatchRejection(deps, "B1", "U0BOSS")).toEqual({ kind: "may_reject", batchId: "B1", pending: 7 });
    expect(store.recordBatchEvent).not.toHaveBeenCalled();
  });

  it("refuses the one who filed it, approver or not, and a non-approver, in the batch's trail", async () => {
    const own = depsWith({ batch: { createdBy: "U0AGENTBOSS" }, pending: 7 });
    expect(await checkBatchRejection(own.deps, "B1", "U0AGENTBOSS")).toEqual({ kind: "refused", batchId: "B1", why: "own_batch" });
    expect(own.store.recordBatchEvent).toHaveBeenCalledWith("B1", { type: "user", id: "U0AGENTBOSS" }, "approve_all_refused", { user: "U0AGENTBOSS", why: "own_batch", verdict: "reject" });
    const ownNotApprover = depsWith({ batch: { createdBy: "U0AGENT" }, pending: 7 });
    expect(await checkBatchRejection(ownNotApprover.deps, "B1", "U0AGENT")).toMatchObject({ kind: "refused", why: "own_batch" });
    const stranger = depsWith({ batch: { createdBy: "U0AGENT" }, pending: 7 });
    expect(await checkBatchRejection(stranger.deps, "B1", "U0NOBODY")).toMatchObject({ kind: "refused", why: "not_an_approver" });
    expect(stranger.store.pendingSummary).not.toHaveBeenCalled();
  });

  it("says when nothing waits any more, or the batch does not exist", async () => {
    expect(await checkBatchRejection(depsWith({ batch: { createdBy: "U0AGENT" }, pending: 0 }).deps, "B1", "U0BOSS")).toEqual({ kind: "none_pending", batchId: "B1" });
    expect(await checkBatchRejection(depsWith({}).deps, "B1", "U0BOSS")).toEqual({ kind: "unknown_batch" });
  });
});
