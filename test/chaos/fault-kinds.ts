import type { LocalWorkspace } from "../../src/local-workspace/local-workspace";
import type { FakeLinePay } from "../fakes/fake-line-pay";

export type FaultKind =
  | "worker_sigkill"
  | "redis_restart"
  | "postgres_outage"
  | "provider_timeout"
  | "provider_5xx"
  | "provider_already_refunded"
  | "slack_429"
  | "slack_5xx";

export const FAULT_KINDS: readonly FaultKind[] = ["worker_sigkill", "redis_restart", "postgres_outage", "provider_timeout", "provider_5xx", "provider_already_refunded", "slack_429", "slack_5xx"];

/** Every kind at zero: the run counts each fault as it is injected. */
export function noFaults(): Record<FaultKind, number> {
  return Object.fromEntries(FAULT_KINDS.map((k) => [k, 0])) as Record<FaultKind, number>;
}

/** The provider and Slack faults, counted from what the fakes played (a fault armed but never met does not count). */
export function countFakeFaults(faults: Record<FaultKind, number>, linePay: FakeLinePay, slack: LocalWorkspace): void {
  faults.provider_timeout = linePay.calls.filter((c) => c.fault === "timeout" || c.fault === "refund_then_timeout").length;
  faults.provider_5xx = linePay.calls.filter((c) => c.fault === "http500" || c.fault === "http").length;
  faults.provider_already_refunded = linePay.calls.filter((c) => c.returnCode === "1165").length;
  faults.slack_429 = slack.faultsPlayed["429"] ?? 0;
  faults.slack_5xx = slack.faultsPlayed["5xx"] ?? 0;
}
