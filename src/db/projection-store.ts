import type { ProjectionStore } from "../use-cases/ports/projection-store";
import { memberResults } from "./batch-member-reads";
import { pendingMembers } from "./batch-pending";
import { rememberBatchMessage, rememberShown } from "./batches";
import type { Db } from "./client";
import { homeRequests } from "./home-queries";
import { recentIntakeRequests } from "./intake-requests";
import { reportRows } from "./report-query";
import { loadRequestProjection, recordRendered } from "./request-projection";
import { requestRowOf } from "./requests";
import { rememberPost } from "./slack-posts";

/** The projections' reads and records (src/use-cases/ports/projection-store.ts) on Postgres. */
export function createProjectionStore(db: Db): ProjectionStore {
  return {
    loadRequestProjection: (requestId) => loadRequestProjection(db, requestId),
    recordRendered: (requestId, version, rendered) => recordRendered(db, requestId, version, rendered),

    findPost: (key) => db.slackPost.findUnique({ where: { key }, select: { channel: true, ts: true } }),
    postedKeys: async (keys) => (await db.slackPost.findMany({ where: { key: { in: [...keys] } }, select: { key: true } })).map((post) => post.key),
    rememberPost: (key, channel, ts) => rememberPost(db, key, channel, ts),

    rememberBatchMessage: (batchId, which, channel, ts) => rememberBatchMessage(db, batchId, which, channel, ts),
    rememberShown: (batchId, which, shown) => rememberShown(db, batchId, which, shown),
    memberResults: (batchId) => memberResults(db, batchId),
    pendingMembers: (batchId, take) => pendingMembers(db, batchId, take),

    homeRequests: (userId, approver) => homeRequests(db, userId, approver),
    reportRows: (from, to) => reportRows(db, from, to),
    recentIntakeRequests: (limit) => recentIntakeRequests(db, limit),
    findRequests: async (by) =>
      (
        "id" in by
          ? await db.refundRequest.findMany({ where: { id: by.id } })
          : await db.refundRequest.findMany({ where: { orderId: by.orderId }, orderBy: { id: "desc" }, take: by.latest })
      ).map(requestRowOf),
  };
}
