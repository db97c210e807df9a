import { platformSchema, type OrderRef, type Platform } from "../domain/order";

export type { OrderRef };

export type CommandName = "refund" | "cancel";

export type ParsedCommand =
  | { type: "usage" }
  | { type: "help" }
  | { type: "policy"; platform?: Platform }
  | { type: "status"; query: string }
  | { type: "report"; from?: string; to?: string }
  | { type: "intake" }
  | { type: "bulk" }
  | { type: "orders"; refs: OrderRef[] }
  | { type: "invalid"; message: string };

/** A bulk request takes up to this many order ids after the command (more: a CSV in `/refund bulk`). */
export const MAX_ORDERS_PER_COMMAND = 500;

const ORDER_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

export function usageLine(command: CommandName): string {
  return command === "refund"
    ? "Usage: `/refund ORDER_ID` (or `qoo10:ORDER_ID` when an id exists on both platforms) · `/refund ID1 ID2 …` or `/refund bulk` (a CSV) for many · `/refund status RD-12` · `/refund policy` · `/refund report [FROM [TO]]` · `/refund intake` · `/refund help`"
    : "Usage: `/cancel ORDER_ID` (or `cyberbiz:ORDER_ID` when an id exists on both platforms) · `/cancel ID1 ID2 …` or `/cancel bulk` (a CSV) for many · `/cancel help`";
}

/** One order id, optionally `platform:`-prefixed; a string says what is wrong with it. */
export function parseOrderRef(token: string): OrderRef | string {
  const colon = token.indexOf(":");
  const [prefix, id] = colon === -1 ? [undefined, token] : [token.slice(0, colon).toLowerCase(), token.slice(colon + 1)];
  let platform: Platform | undefined;
  if (prefix !== undefined) {
    const parsed = platformSchema.safeParse(prefix);
    if (!parsed.success) return `\`${token}\`: unknown platform \`${prefix}\` (use cyberbiz: or qoo10:)`;
    platform = parsed.data;
  }
  if (!ORDER_ID.test(id)) return `\`${token}\` is not an order id (letters, digits, . _ -, at most 64)`;
  return platform ? { platform, orderId: id } : { orderId: id };
}

/** Reads the text after `/refund` or `/cancel`. Pure: every answer is a value, never a throw. */
export function parseCommandText(command: CommandName, rawText: string): ParsedCommand {
  const tokens = rawText.split(/[\s,]+/).filter(Boolean);
  const [first, ...rest] = tokens;
  if (first === undefined) return { type: "usage" };
  const word = first.toLowerCase();
  if (word === "help") return { type: "help" };
  if (command === "refund" && word === "policy") {
    if (rest.length === 0) return { type: "policy" };
    const platform = platformSchema.safeParse(rest[0]?.toLowerCase());
    return platform.success ? { type: "policy", platform: platform.data } : { type: "invalid", message: "`/refund policy` takes `cyberbiz`, `qoo10` or nothing." };
  }
  if (command === "refund" && word === "status") {
    return rest.length === 1 && rest[0] ? { type: "status", query: rest[0] } : { type: "invalid", message: "`/refund status` takes one request id (RD-12) or order id." };
  }
  if (command === "refund" && word === "report") {
    if (rest.length > 2) return { type: "invalid", message: "`/refund report` takes at most two dates: FROM and TO." };
    const [from, to] = rest;
    return { type: "report", ...(from ? { from } : {}), ...(to ? { to } : {}) };
  }
  if (command === "refund" && word === "intake") {
    return rest.length === 0 ? { type: "intake" } : { type: "invalid", message: "`/refund intake` takes no argument." };
  }
  if (word === "bulk" && rest.length === 0) return { type: "bulk" };
  if (tokens.length > MAX_ORDERS_PER_COMMAND) {
    return { type: "invalid", message: `At most ${MAX_ORDERS_PER_COMMAND} order ids at once; this had ${tokens.length}. For more, upload a CSV in \`/${command} bulk\`.` };
  }
  const refs: OrderRef[] = [];
  const problems: string[] = [];
  for (const token of tokens) {
    const ref = parseOrderRef(token);
    if (typeof ref === "string") problems.push(ref);
    else refs.push(ref);
  }
  if (problems.length > 0) return { type: "invalid", message: problems.slice(0, 5).join("\n") + (problems.length > 5 ? `\n…and ${problems.length - 5} more` : "") };
  return { type: "orders", refs };
}
