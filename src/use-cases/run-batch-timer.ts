import type { Services } from "../app/services";
import { expirePendingMembers, pendingSummary } from "../db/batch-members";
import { batchEvents, getBatch, recordBatchEventOnce } from "../db/batches";
import { SYSTEM } from "../db/requests";
import type { TimerStage } from "../queue/job-definitions";
import { postOnce } from "../slack/post-once";
import { afterTransitions } from "./after-transition";

type Call = <T>(fn: () => Promise<T>) => Promise<T>;

const isUser = (id: string) => /^[UW][A-Z0-9]+$/.test(id);

/**
 * A batch's approval timers, one set per batch (not one per member): remind the approvers in the
 * batch approval message's thread, escalate to the fallback approver or channel, then expire every
 * member still waiting, each with its own audit row. The one who filed it is told at each step,
 * once. Nothing happens once no member waits.
 */
export async function runBatchTimer(services: Services, batchId: string, stage: TimerStage, call: Call): Promise<void> {
  const { db, config } = services;
  const batch = await getBatch(db, batchId);
  if (!batch) return;
  const pending = await pendingSummary(db, batchId);
  if (pending.count === 0) return;
  const { timers, fallbackApprover, escalationChannel } = config.approvalPolicy;
  const tell = (key: string, text: string) => (isUser(batch.createdBy) ? postOnce(services, key, { channel: batch.createdBy, text }, call) : Promise.resolve(""));
  const waiting = `${pending.count.toLocaleString("en-US")} order${pending.count === 1 ? "" : "s"} of batch ${batchId}`;

  if (stage === "remind") {
    const answered = new Set((await batchEvents(db, batchId)).filter((e) => e.action === "approved_all").map((e) => e.actor));
    const approvers = (await services.approvers.list()).filter((id) => id !== batch.createdBy && !answered.has(id));
    await recordBatchEventOnce(db, batchId, SYSTEM, "reminder_sent", { to: approvers, pending: pending.count });
    if (batch.approvalTs && batch.approvalChannel) {
      const who = approvers.length ? approvers.map((id) => `<@${id}>`).join(" ") : "Approvers";
      await postOnce(services, `batch-remind:${batchId}`, { channel: batch.approvalChannel, thread_ts: batch.approvalTs, text: `:alarm_clock: ${who}: ${waiting} still wait for approval.` }, call);
    }
    await tell(`batch-tell-remind:${batchId}`, `:alarm_clock: ${waiting} still wait for approval; the approvers were reminded.`);
  } else if (stage === "escalate") {
    const to = fallbackApprover ?? escalationChannel;
    if (!to) return;
    await recordBatchEventOnce(db, batchId, SYSTEM, "escalated", { to, pending: pending.count });
    const where = batch.approvalTs && batch.approvalChannel ? ` (the approval message: https://slack.com/archives/${batch.approvalChannel}/p${batch.approvalTs.replace(".", "")})` : "";
    await postOnce(services, `batch-escalate:${batchId}`, { channel: to, text: `:rotating_light: Escalated: ${waiting} wait for approval${where}.` }, call);
    await tell(`batch-tell-escalate:${batchId}`, `:rotating_light: ${waiting} waited too long; it was escalated.`);
  } else {
    const moved = await expirePendingMembers(db, batchId, timers.expireAfterMs, SYSTEM);
    await recordBatchEventOnce(db, batchId, SYSTEM, "expired", { count: moved.length, afterMs: timers.expireAfterMs });
    await afterTransitions(services, moved.map((m) => ({ ...m, batchId })));
    await tell(`batch-tell-expire:${batchId}`, `:hourglass: ${moved.length.toLocaleString("en-US")} order${moved.length === 1 ? "" : "s"} of batch ${batchId} expired: nobody decided in time. File them again if they are still needed.`);
  }
  await services.queues.enqueue("sync-batch", { batchId });
}
