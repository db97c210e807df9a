import { z } from "zod";
import { platformSchema, type Order } from "../../domain/order";
import { offeredKinds } from "../../domain/policy";
import { initiatorSchema, requestKindSchema, type Initiator, type RequestKind } from "../../domain/request";
import { IDS } from "../ids";

/** What the modal carries between opening and submission (Slack's private_metadata). */
export const requestModalMetadataSchema = z.object({
  platform: platformSchema,
  orderId: z.string().min(1).max(64),
  channelId: z.string().min(1).max(32),
  command: z.enum(["refund", "cancel"]),
  initiator: initiatorSchema,
  kind: requestKindSchema,
});
export type RequestModalMetadata = z.infer<typeof requestModalMetadataSchema>;

/** The request modal's private_metadata, from any value: what the modal was opened for, or null. */
export function parseRequestModalMetadata(raw: unknown): RequestModalMetadata | null {
  if (typeof raw !== "string") return null;
  try {
    const parsed = requestModalMetadataSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** The reason select changes block id with its options, so Slack does not keep a choice that is no longer offered. */
export function reasonBlockId(initiator: Initiator, kind: RequestKind): string {
  return `${IDS.blocks.reason}_${initiator}_${kind}`;
}

/** Qoo10 refunds only in full (Q15), so its modal shows the amount instead of asking for it. */
export function asksForAmount(order: Order): boolean {
  return order.platform !== "qoo10";
}

export function defaultInitiator(order: Order): Initiator {
  return order.customerCancelRequested ? "customer" : "store";
}

export function defaultKind(order: Order, command: "refund" | "cancel", initiator: Initiator): RequestKind | undefined {
  const kinds = offeredKinds(order, initiator);
  return kinds.includes(command) ? command : kinds[0];
}
