import type { z } from "zod";
import { orderSchema, PLATFORMS, type Order } from "../../domain/order";
import { refundRequestSchema, type RefundRequest } from "../../domain/request";

export interface CheckInput {
  readonly order: Order;
  readonly request: RefundRequest;
}

/** Either the input, or every problem found, one line each, each starting with the field path. */
export type Parsed<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problems: string[] };

type Issue = z.core.$ZodIssue;
type Segment = PropertyKey;

const COMBINED_SHAPE = '{"order": …, "request": …}';

/** `policy check --order A --request B`: one JSON object per file. */
export function parseSeparateInputs(orderText: string, requestText: string): Parsed<CheckInput> {
  const order = parseJson(orderText, "order");
  const request = parseJson(requestText, "request");
  const problems = [...(order.ok ? [] : order.problems), ...(request.ok ? [] : request.problems)];
  if (!order.ok || !request.ok) return { ok: false, problems };
  return validateCheckInput({ order: order.value, request: request.value });
}

/** `policy check -`: one JSON object holding both, as bulk files and tests write them. */
export function parseCombinedInput(text: string): Parsed<CheckInput> {
  const parsed = parseJson(text, "input");
  if (!parsed.ok) return parsed;
  const input = parsed.value;
  if (typeof input !== "object" || input === null || Array.isArray(input)) {
    return { ok: false, problems: [`input: expected one JSON object ${COMBINED_SHAPE}, got ${kindOf(input)}`] };
  }
  const unknown = Object.keys(input)
    .filter((key) => key !== "order" && key !== "request")
    .map((key) => `input.${key}: unknown field; expected only "order" and "request"`);
  const result = validateCheckInput({ order: Reflect.get(input, "order"), request: Reflect.get(input, "request") });
  const problems = [...unknown, ...(result.ok ? [] : result.problems)];
  return problems.length === 0 ? result : { ok: false, problems };
}

/** Checks both objects against the vocabulary, and reports every problem at once. */
export function validateCheckInput(raw: { order: unknown; request: unknown }): Parsed<CheckInput> {
  const order = raw.order === undefined ? undefined : orderSchema.safeParse(raw.order);
  const request = raw.request === undefined ? undefined : refundRequestSchema.safeParse(raw.request);
  const problems = [
    ...(order ? orderProblems(raw.order, order.error?.issues ?? []) : ["order: missing; expected an order object"]),
    ...unknownFields("order", raw.order, orderFieldNames(raw.order)),
    ...(request ? (request.error?.issues ?? []).map((issue) => describeIssue("request", issue, raw.request)) : ["request: missing; expected a request object"]),
    ...unknownFields("request", raw.request, Object.keys(refundRequestSchema.shape)),
  ];
  if (!order?.success || !request?.success || problems.length > 0) return { ok: false, problems };

  // A request before its order is a data error; the engine would read it as inside every window.
  if (Date.parse(request.data.requestedAt) < Date.parse(order.data.createdAt)) {
    return { ok: false, problems: [`request.requestedAt: expected a time at or after order.createdAt (${order.data.createdAt}), got "${request.data.requestedAt}"`] };
  }
  return { ok: true, value: { order: order.data, request: request.data } };
}

function parseJson(text: string, label: string): Parsed<unknown> {
  if (text.trim() === "") return { ok: false, problems: [`${label}: empty; expected ${label === "input" ? `one JSON object ${COMBINED_SHAPE}` : "a JSON object"}`] };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    return { ok: false, problems: [`${label}: invalid JSON (${oneLine(error instanceof Error ? error.message : String(error))})`] };
  }
}

/**
 * The order's problems. With no valid platform zod stops at the discriminator, so the fields every
 * order shares are checked separately: the user sees all problems in one run, not one per run.
 */
function orderProblems(raw: unknown, issues: readonly Issue[]): string[] {
  const problems = issues.map((issue) => describeIssue("order", issue, raw));
  const platformBroken = issues.some((issue) => issue.path.length === 1 && issue.path[0] === "platform");
  const [firstOption] = orderSchema.options;
  if (platformBroken && isRecord(raw)) {
    const shared = firstOption.omit({ platform: true, status: true }).safeParse(raw);
    problems.push(...(shared.error?.issues ?? []).map((issue) => describeIssue("order", issue, raw)));
  }
  return problems;
}

function orderFieldNames(raw: unknown): string[] {
  const option = orderSchema.options.find((candidate) => isRecord(raw) && candidate.shape.platform.value === raw.platform);
  return Object.keys((option ?? orderSchema.options[0]).shape);
}

/** zod drops unknown keys; a typo such as "ammount" would silently become a full refund. */
function unknownFields(root: string, raw: unknown, known: readonly string[]): string[] {
  if (!isRecord(raw)) return [];
  return Object.keys(raw)
    .filter((key) => !known.includes(key))
    .map((key) => `${formatPath([root, key])}: unknown field; expected one of ${known.join(", ")}`);
}

function describeIssue(root: string, issue: Issue, raw: unknown): string {
  const path = formatPath([root, ...issue.path]);
  const value = valueAt(raw, issue.path);
  const expectation = expectationOf(issue, raw);
  if (value === undefined && issue.path.length > 0) return `${path}: missing; ${expectation}`;
  return `${path}: ${expectation}, got ${preview(value)}`;
}

function expectationOf(issue: Issue, raw: unknown): string {
  const field = issue.path.at(-1);
  if (field === "platform" && issue.code === "invalid_union") return `expected one of ${PLATFORMS.map((p) => JSON.stringify(p)).join(", ")}`;
  if (issue.code === "invalid_value") {
    const values = issue.values.map((value) => JSON.stringify(value)).join(", ");
    const platform = isRecord(raw) && field === "status" && issue.path.length === 1 ? raw.platform : undefined;
    return `expected one of ${values}${typeof platform === "string" ? ` for a ${platform} order` : ""}`;
  }
  if (issue.code === "invalid_type" && issue.message.startsWith("Invalid input")) return `expected ${TYPE_NAMES[issue.expected] ?? issue.expected}`;
  // Our schemas word their own messages ("expected a whole number ≥ 0"); zod's defaults start with a label.
  return issue.message.replace(/^(Too small|Too big|Invalid input|Invalid string): /, "");
}

const TYPE_NAMES: Record<string, string> = {
  string: "a string",
  boolean: "true or false",
  array: "an array",
  object: "an object",
  number: "a number",
  int: "a whole number",
};

function valueAt(raw: unknown, path: readonly Segment[]): unknown {
  let value: unknown = raw;
  for (const segment of path) {
    if (typeof value !== "object" || value === null || typeof segment === "symbol") return undefined;
    value = Reflect.get(value, segment);
  }
  return value;
}

/** `order.couponCodes[1]`. */
function formatPath(path: readonly Segment[]): string {
  return path.map((segment, index) => (typeof segment === "number" ? `[${segment}]` : `${index === 0 ? "" : "."}${String(segment)}`)).join("");
}

function preview(value: unknown): string {
  const text = value === undefined ? "nothing" : JSON.stringify(value);
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

function kindOf(value: unknown): string {
  if (Array.isArray(value)) return "an array";
  if (value === null) return "null";
  return `a ${typeof value}`;
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
