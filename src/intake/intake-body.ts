import { z } from "zod";
import { platformSchema, timestampSchema } from "../domain/order";
import { refundRequestSchema } from "../domain/request";
import type { IntakeDelivery } from "../use-cases/file-intake-request";
import { SIGNATURE_TOLERANCE_SECONDS } from "./verify-intake-signature";

/** The longest customer message we keep; the request message shows the first 1,500 characters. */
export const MAX_CUSTOMER_MESSAGE_LENGTH = 4000;

/**
 * A sender's name is part of the idempotency key `intake:<source>:<externalId>`, so it cannot hold
 * a colon; lower case only, so that "Qoo10" and "qoo10" cannot file the same request twice.
 */
const sourceSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_.-]{0,31}$/, { error: "expected 1 to 32 lower-case letters, digits, . _ - (e.g. \"qoo10\")" });

/** The sender's own id for the request, kept exactly as sent: printable ASCII, no spaces. */
const externalIdSchema = z
  .string()
  .regex(/^[\x21-\x7e]{1,128}$/, { error: "expected 1 to 128 printable ASCII characters without spaces" });

const orderIdSchema = z.string().trim().min(1, { error: "expected a non-empty order id" }).max(64, { error: "expected at most 64 characters" });

/**
 * `request` is a request in the vocabulary of docs/rules.md. Unknown fields are refused, not dropped: a typo
 * such as "ammount" would otherwise silently become a refund of everything.
 */
const intakeRequestSchema = z.strictObject({
  ...refundRequestSchema.shape,
  /** Absent: the time the delivery arrived; present, within the signature's 5 minutes of it. */
  requestedAt: timestampSchema.optional(),
});

export const intakeBodySchema = z.strictObject({
  source: sourceSchema,
  externalId: externalIdSchema,
  platform: platformSchema,
  orderId: orderIdSchema,
  request: intakeRequestSchema,
  message: z
    .string()
    .max(MAX_CUSTOMER_MESSAGE_LENGTH, { error: `expected at most ${MAX_CUSTOMER_MESSAGE_LENGTH} characters` })
    .optional(),
});
export type IntakeBodyInput = z.input<typeof intakeBodySchema>;

/** A delivery, checked and completed: what the intake files. */
export type IntakeBody = IntakeDelivery;

export interface FieldError {
  /** Dotted path into the body, e.g. `request.reason`; "" is the body itself. */
  path: string;
  message: string;
}

export type IntakeBodyResult = { ok: true; intake: IntakeBody } | { ok: false; errors: FieldError[] };

const TYPE_NAMES: Record<string, string> = { string: "a string", boolean: "true or false", object: "an object", number: "a number", int: "a whole number" };

function pathOf(segments: readonly PropertyKey[]): string {
  return segments.map((s) => (typeof s === "number" ? `[${s}]` : String(s))).join(".").replaceAll(".[", "[");
}

/** zod's issues as field errors, without echoing the values sent (they may be a customer's words). */
function fieldErrorsOf(issues: readonly z.core.$ZodIssue[]): FieldError[] {
  return issues.flatMap((issue): FieldError[] => {
    if (issue.code === "unrecognized_keys") return issue.keys.map((key) => ({ path: pathOf([...issue.path, key]), message: "unknown field" }));
    return [{ path: pathOf(issue.path), message: issue.message }];
  });
}

/** Messages that say what is expected, in the same words as the rest of the bot; a missing field says so. */
const wording: z.core.$ZodErrorMap = (issue) => {
  if (issue.input === undefined && issue.code === "invalid_type") return `missing; expected ${TYPE_NAMES[issue.expected] ?? issue.expected}`;
  if (issue.input === undefined && issue.code === "invalid_value") return `missing; expected one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")}`;
  if (issue.code === "invalid_value") return `expected one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")}`;
  if (issue.code === "invalid_type") return `expected ${TYPE_NAMES[issue.expected] ?? issue.expected}`;
  return undefined;
};

const utf8 = new TextDecoder("utf-8", { fatal: true });

/**
 * Reads a delivery's body: UTF-8 JSON, one object in the shape of `intakeBodySchema`. Pure (the
 * arrival time is an argument) and total: any bytes give a value, never a throw. Every problem is
 * reported at once, each with its field path.
 */
export function parseIntakeBody(raw: Uint8Array, arrivedAt: Date): IntakeBodyResult {
  let text: string;
  try {
    text = utf8.decode(raw);
  } catch {
    return { ok: false, errors: [{ path: "", message: "expected UTF-8 text" }] };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, errors: [{ path: "", message: "expected a JSON object; the body is not valid JSON" }] };
  }
  const parsed = intakeBodySchema.safeParse(json, { error: wording });
  if (!parsed.success) return { ok: false, errors: fieldErrorsOf(parsed.error.issues) };

  const { request, message, ...rest } = parsed.data;
  const { requestedAt: sentAt, ...choices } = request;
  const requestedAt = sentAt === undefined ? arrivedAt : new Date(sentAt);
  // The engine's "now" is requestedAt, and C7's 60 days count up to it: a time the sender chose, in the
  // past or the future, would move that window. Within the signature's clock tolerance it is the
  // sender's clock; beyond it, refused (left out, the arrival time counts).
  if (Math.abs(requestedAt.getTime() - arrivedAt.getTime()) > SIGNATURE_TOLERANCE_SECONDS * 1000) {
    return { ok: false, errors: [{ path: "request.requestedAt", message: `expected a time within ${SIGNATURE_TOLERANCE_SECONDS / 60} minutes of now; leave it out to use the time the request arrives` }] };
  }
  const words = message?.trim();
  return {
    ok: true,
    intake: {
      ...rest,
      // The schema's own fields, as parsed: an amount left out stays absent.
      request: { ...choices, requestedAt },
      ...(words ? { message: words } : {}),
      customerFiledCancel: request.initiator === "customer" && request.reason === "customer_request",
    },
  };
}
