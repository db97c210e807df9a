import type { LocalWorkspaceRun } from "../../app/run-local-workspace";
import { DEMO_AGENT, DEMO_APPROVERS, DEMO_CHANNELS } from "../demo-workspace";
import { DayWentOtherwise, type DayPlayer } from "./day-player";

export interface DayStep {
  title: string;
  /** Plays the step; what it returns is printed beside its title. */
  play(player: DayPlayer, run: LocalWorkspaceRun): Promise<string | void>;
}

const [KENJI, GRACE] = DEMO_APPROVERS;
const { requests: REQUESTS, approvals: APPROVALS } = DEMO_CHANNELS;

/** The request label (RD-n) a message names for this order. */
function labelOf(player: DayPlayer, orderId: string): string {
  const message = player.message(REQUESTS, [`order ${orderId}`, "RD-"]);
  const label = message && /RD-\d+/.exec(message.text)?.[0];
  if (!label) throw new DayWentOtherwise(`no request message for order ${orderId}`);
  return label;
}

/** Types `/refund ORDER`, fills the modal and files it; waits for the approval message. */
async function fileRefund(player: DayPlayer, user: string, orderId: string, answers: Record<string, string>): Promise<string> {
  await player.people.type(user, REQUESTS, `/refund ${orderId}`);
  const modal = await player.modal(user, "Refund an order");
  await player.submit(user, modal, player.fill(modal, answers));
  await player.until(`the decision on ${orderId} in #refund-requests`, () => player.message(REQUESTS, [`order ${orderId}`, "waiting for approval"]));
  return labelOf(player, orderId);
}

const approvalOf = (player: DayPlayer, label: string) =>
  player.until(`the approval message of ${label}`, () => player.message(APPROVALS, [`${label} `, "approve_request"]));

export const DAY: DayStep[] = [
  {
    title: "Mei files a refund of CB1001 (NT$500, defective item)",
    async play(player) {
      const label = await fileRefund(player, DEMO_AGENT, "CB1001", { reason: "defective_item", amount: "500", note: "The customer sent photos of the broken lid." });
      await approvalOf(player, label);
      return `${label} waits for an approver in #refund-approvals`;
    },
  },
  {
    title: "Kenji files a refund of CB1004 and tries to approve it himself",
    async play(player) {
      const label = await fileRefund(player, KENJI, "CB1004", { reason: "wrong_item", amount: "1000" });
      await player.click(KENJI, await approvalOf(player, label), "approve_request");
      const refusal = await player.until("Kenji's private refusal", () => player.message(APPROVALS, ["four eyes"], { visibleTo: KENJI }));
      return `refused, only to him: “${refusal.text}”`;
    },
  },
  {
    title: "Grace approves CB1004; the refund is carried out",
    async play(player) {
      const label = labelOf(player, "CB1004");
      await player.click(GRACE, await approvalOf(player, label), "approve_request");
      await player.until(`${label} done`, () => player.message(REQUESTS, [`${label} `, "done"]));
      await player.until("the approval in its thread", () => player.message(REQUESTS, ["Approved by"], { inThread: true }));
      return `${label} approved and refunded`;
    },
  },
  {
    title: "Grace rejects CB1001, saying why",
    async play(player) {
      const label = labelOf(player, "CB1001");
      await player.click(GRACE, await approvalOf(player, label), "reject_request");
      const modal = await player.modal(GRACE, `Reject ${label}`);
      await player.submit(GRACE, modal, player.fill(modal, { reject_reason: "Refunded by bank transfer last week." }));
      await player.until(`${label} rejected`, () => player.message(REQUESTS, [`${label} `, "rejected by an approver"]));
      return `${label} rejected: “Refunded by bank transfer last week.”`;
    },
  },
  {
    title: "Mei refunds CB1003, paid 75 days ago: a manual refund (C7)",
    async play(player) {
      await player.people.type(DEMO_AGENT, REQUESTS, "/refund CB1003");
      const modal = await player.modal(DEMO_AGENT, "Refund an order");
      await player.submit(DEMO_AGENT, modal, player.fill(modal, { reason: "defective_item" }));
      await player.until("the C7 decision", () => player.message(REQUESTS, ["order CB1003", "C7", "waiting for approval"]));
      const label = labelOf(player, "CB1003");
      await player.click(KENJI, await approvalOf(player, label), "approve_request");
      const task = await player.until("the manual task", () => player.message(REQUESTS, [`${label} `, "mark_refunded"]));
      await player.click(KENJI, task, "mark_refunded");
      await player.until(`${label} done`, () => player.message(REQUESTS, [`${label} `, "done"]));
      return `${label}: Kenji paid it back by hand and marked it refunded`;
    },
  },
  {
    title: "Mei cancels QX2001 and QX2003 in bulk; Grace approves them all",
    async play(player) {
      await player.people.type(DEMO_AGENT, REQUESTS, "/cancel QX2001 QX2003");
      const modal = await player.modal(DEMO_AGENT, "Cancel orders in bulk");
      await player.submit(DEMO_AGENT, modal, player.fill(modal, { bulk_reason: "out_of_stock" }));
      const batch = await player.until("the batch approval message", () => player.message(APPROVALS, ["approve_batch"]));
      const id = /batch (B\d+)/.exec(JSON.stringify(batch.blocks))?.[1] ?? "the batch";
      await player.click(GRACE, batch, "approve_batch");
      await player.until(`${id}'s orders cancelled`, () => player.message(REQUESTS, [`Batch ${id} `, "2 cancelled"]));
      return `${id}: both orders cancelled`;
    },
  },
  {
    title: "A customer asks, through the intake webhook, to cancel QX2002",
    async play(player, run) {
      const body = { source: "qoo10", externalId: "CS-20261206-001", platform: "qoo10", orderId: "QX2002", request: { kind: "cancel", initiator: "customer", reason: "customer_request", notifyCustomer: true }, message: "I ordered the wrong size, please cancel." };
      const delivery = await player.customer(run.intake, body);
      if (delivery.status !== 202) throw new DayWentOtherwise(`the intake answered ${delivery.status}: ${JSON.stringify(delivery.answer)}`);
      await player.until("the customer's request in #refund-requests", () => player.message(REQUESTS, ["order QX2002", "The customer wrote"]));
      return `filed as ${(delivery.answer as { requestId: string }).requestId}`;
    },
  },
];
