/**
 * What each LINE Pay return code means for us (LINE Pay Online API v3):
 * - `done`: the call did what was asked.
 * - `already_done`: the refund was made before (1165): read the payment to find it.
 * - `reconcile`: LINE Pay may be doing it right now (1198): read the payment before any retry.
 * - `transient`: a LINE Pay failure that a later retry can get past.
 * - `permanent`: retrying the same request cannot succeed; the code and message go to a human
 *   (1163 is the one the worker turns into a manual refund, C7).
 */
export type LinePayOutcome = "done" | "already_done" | "reconcile" | "transient" | "permanent";

export const LINE_PAY_RETURN_CODES = {
  "0000": { outcome: "done", meaning: "success" },
  "1101": { outcome: "permanent", meaning: "purchaser status error" },
  "1102": { outcome: "permanent", meaning: "purchaser status error" },
  "1104": { outcome: "permanent", meaning: "merchant not found" },
  "1105": { outcome: "permanent", meaning: "merchant cannot use LINE Pay" },
  "1106": { outcome: "permanent", meaning: "header or signature error" },
  "1124": { outcome: "permanent", meaning: "amount error" },
  "1150": { outcome: "permanent", meaning: "transaction not found" },
  "1155": { outcome: "permanent", meaning: "transaction not refundable" },
  "1163": { outcome: "permanent", meaning: "refundable period is over (refund off-platform, C7)" },
  "1164": { outcome: "permanent", meaning: "exceeds the refundable amount" },
  "1165": { outcome: "already_done", meaning: "already refunded" },
  "1179": { outcome: "permanent", meaning: "cannot be processed" },
  "1198": { outcome: "reconcile", meaning: "request being processed or duplicated" },
  "1199": { outcome: "transient", meaning: "internal error" },
  "9000": { outcome: "transient", meaning: "internal error" },
} as const satisfies Record<string, { outcome: LinePayOutcome; meaning: string }>;

export type LinePayReturnCode = keyof typeof LINE_PAY_RETURN_CODES;

/**
 * An undocumented code is `permanent`: it is not a success, and retrying a refund on a guess could
 * pay twice; a human reads the code and message and decides.
 */
export function linePayOutcome(returnCode: string): LinePayOutcome {
  return Object.hasOwn(LINE_PAY_RETURN_CODES, returnCode) ? LINE_PAY_RETURN_CODES[returnCode as LinePayReturnCode].outcome : "permanent";
}
