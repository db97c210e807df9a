/**
 * The QAPI result codes our methods document (Claim.SetCancelProcess, Claim.SetClaimAccept,
 * ShippingBasic.GetClaimInfo_V3 in Qoo10's seller docs). Every non-zero code is a permanent
 * ProviderError with Qoo10's message kept: Qoo10 publishes no "try again" code, and a retry of the
 * same call meets the same answer. (Transport failures — 5xx, 429, timeouts — are transient.)
 */
export const QOO10_RESULT_CODES = {
  0: "success",
  [-10000]: "seller authorization key rejected",
  [-10001]: "invalid order number (or argument)",
  [-10002]: "no such order (or the call failed)",
  [-10003]: "seller information invalid (or search period over 90 days)",
  [-10004]: "the order's state does not allow it",
  [-90001]: "the API does not exist",
  [-90002]: "not authorized",
  [-90003]: "not authorized",
  [-90004]: "seller authorization key expired",
  [-90005]: "seller authorization key expired",
} as const;

/** The key is wrong, expired or not allowed: no retry of anything can help. */
export function isQoo10AuthFailure(code: number): boolean {
  return code === -10000 || (code <= -90001 && code >= -90005);
}

export const QOO10_ORDER_STATE_ERROR = -10004;
export const QOO10_ORDER_NOT_FOUND_CODES: readonly number[] = [-10001, -10002];
