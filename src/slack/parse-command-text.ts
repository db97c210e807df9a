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
  | ({ type: "invalid" } & CommandProblem);

/** An order id the parser cannot take, and why; the Slack side words it. */
export type OrderIdProblem = { problem: "unknown_platform"; token: string; prefix: string } | { problem: "not_an_order_id"; token: string };

/** What is wrong with a command's text, as a code and its data. */
export type CommandProblem =
  | { problem: "policy_argument" | "status_argument" | "report_arguments" | "intake_argument" }
  | { problem: "too_many_orders"; max: number; count: number }
  | { problem: "bad_order_ids"; ids: OrderIdProblem[] };

/** A bulk request takes up to this many order ids after the command (more: a CSV in `/refund bulk`). */
export const MAX_ORDERS_PER_COMMAND = 500;

const ORDER_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/** One order id, optionally `platform:`-prefixed, or what is wrong with it. */
export function parseOrderRef(token: string): OrderRef | OrderIdProblem {
  const colon = token.indexOf(":");
  const [prefix, id] = colon === -1 ? [undefined, token] : [token.slice(0, colon).toLowerCase(), token.slice(colon + 1)];
  let platform: Platform | undefined;
  if (prefix !== undefined) {
    const parsed = platformSchema.safeParse(prefix);
    if (!parsed.success) return { problem: "unknown_platform", token, prefix };
    platform = parsed.data;
  }
  if (!ORDER_ID.test(id)) return { problem: "not_an_order_id", token };
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
    return platform.success ? { type: "policy", platform: platform.data } : { type: "invalid", problem: "policy_argument" };
  }
  if (command === "refund" && word === "status") {
    return rest.length === 1 && rest[0] ? { type: "status", query: rest[0] } : { type: "invalid", problem: "status_argument" };
  }
  if (command === "refund" && word === "report") {
    if (rest.length > 2) return { type: "invalid", problem: "report_arguments" };
    const [from, to] = rest;
    return { type: "report", ...(from ? { from } : {}), ...(to ? { to } : {}) };
  }
  if (command === "refund" && word === "intake") {
    return rest.length === 0 ? { type: "intake" } : { type: "invalid", problem: "intake_argument" };
  }
  if (word === "bulk" && rest.length === 0) return { type: "bulk" };
  if (tokens.length > MAX_ORDERS_PER_COMMAND) {
    return { type: "invalid", problem: "too_many_orders", max: MAX_ORDERS_PER_COMMAND, count: tokens.length };
  }
  const refs: OrderRef[] = [];
  const ids: OrderIdProblem[] = [];
  for (const token of tokens) {
    const ref = parseOrderRef(token);
    if ("problem" in ref) ids.push(ref);
    else refs.push(ref);
  }
  if (ids.length > 0) return { type: "invalid", problem: "bad_order_ids", ids };
  return { type: "orders", refs };
}
