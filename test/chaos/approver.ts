import { randomUUID } from "node:crypto";
import type { Db } from "../../src/db/client";
import type { LocalWorkspace } from "../../src/local-workspace/local-workspace";
import type { SlackCall } from "../../src/local-workspace/workspace-types";
import { messageButtonClick, postToSlackEvents } from "../support/slack-requests";
import { APPROVALS_CHANNEL, APPROVER, SIGNING_SECRET } from "./chaos-app";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The approver: keeps each request's approval message as the bot posts it, and clicks Approve on
 * those waiting, at a person's pace, until stopped (through the drain too); a click that did not
 * take (the bot was down) is made again after 8 s.
 */
export class Approver {
  /** The approval message of each request, as it is posted (its ts is in the call's response once answered). */
  private readonly approvalMessages = new Map<number, SlackCall[]>();
  private on = false;
  private loop: Promise<void> = Promise.resolve();

  /** The workspace's onCall: picks out the approval messages. */
  onCall(call: SlackCall): void {
    if (call.method !== "chat.postMessage" || call.body.channel !== APPROVALS_CHANNEL) return;
    const blocks = (Array.isArray(call.body.blocks) ? call.body.blocks : []) as { elements?: { action_id?: string; value?: string }[] }[];
    const id = Number(blocks.flatMap((b) => b.elements ?? []).find((e) => e.action_id === "approve_request")?.value);
    if (id) this.approvalMessages.set(id, [...(this.approvalMessages.get(id) ?? []), call]);
  }

  /** Starts clicking for the requests `allIds`, at most `clicksPerRound` each 400 ms round. */
  start(db: Db, slack: LocalWorkspace, baseUrl: string, allIds: number[], clicksPerRound: number): void {
    const clickedAt = new Map<number, number>();
    this.on = true;
    this.loop = (async () => {
      while (this.on) {
        const waiting = await db.refundRequest.findMany({ where: { id: { in: allIds }, state: "awaiting_approval" }, select: { id: true } }).catch(() => []);
        let clicks = 0;
        for (const row of waiting) {
          if (clicks >= clicksPerRound) break;
          if (Date.now() - (clickedAt.get(row.id) ?? 0) < 8_000) continue;
          const message = this.approvalMessages.get(row.id)?.filter((c) => c.response?.ts).at(-1);
          const form = message && messageButtonClick(message, "approve_request", { userId: APPROVER, channel: APPROVALS_CHANNEL, responseUrl: slack.responseUrl(`approve-${row.id}-${randomUUID()}`) });
          if (!form) continue;
          clickedAt.set(row.id, Date.now());
          clicks += 1;
          await postToSlackEvents(baseUrl, form, { secret: SIGNING_SECRET }).catch(() => undefined);
        }
        await sleep(400);
      }
    })();
  }

  async stop(): Promise<void> {
    this.on = false;
    await this.loop;
  }
}
