import type { KnownBlock } from "@slack/types";
import type { BatchShared, BatchState, SkippedItem } from "../../domain/bulk/batch-items";
import type { BatchProgress } from "../../domain/bulk/batch-progress";
import type { Decision } from "../../domain/decision";
import type { RequestKind } from "../../domain/request";
import type { RequestState } from "../../domain/request-state";
import type { Words } from "../../presentation/index";
import { escapeMrkdwn, slackDate } from "../format";
import { kindLabel, mention, reasonLabel } from "./labels";

/** What a batch's message shows: the batch, read back, and its members counted by state. */
export interface BatchMessageInput {
  id: string;
  state: BatchState;
  shared: BatchShared;
  createdBy: string;
  source: "command" | "csv";
  itemCount: number;
  skipped: readonly SkippedItem[];
  progress: BatchProgress;
  confirmedAt: Date | null;
  finishedAt: Date | null;
}

export function batchTitle(words: Words, b: Pick<BatchMessageInput, "id" | "shared" | "itemCount">): string {
  return words.t("batch.title", { batch: b.id, kind: kindLabel(words, b.shared.kind), count: b.itemCount });
}

/** A bucket is named by its first state; these never lead one. */
type ShownState = Exclude<RequestState, "submitted" | "executing">;

/** "412/500 done: 380 cancelled, 20 waiting for approval and 12 refused". */
export function progressText(words: Words, progress: BatchProgress, kind: RequestKind): string {
  const buckets = progress.buckets.map((bucket) => words.t(`batch.bucket.${bucket.states[0] as ShownState}`, { count: bucket.count, kind }));
  return buckets.length ? words.t("batch.progressWith", { done: progress.done, total: progress.total, buckets: words.list(buckets) }) : words.t("batch.progress", { done: progress.done, total: progress.total });
}

/** "Out of stock · the store asks · customer notified". */
export function sharedLine(words: Words, shared: BatchShared): string {
  return [
    shared.reason ? reasonLabel(words, shared.reason) : words.t("batch.shared.eachReason"),
    words.t("batch.shared.asks", { initiator: shared.initiator }),
    words.t(shared.notifyCustomer ? "batch.shared.notified" : "batch.shared.notNotified"),
    ...(shared.flagCustomer ? [words.t("batch.shared.flag")] : []),
    ...(shared.returnReceived ? [words.t("batch.shared.received")] : []),
  ].join(" · ");
}

/** The ids that were not filed, briefly: the full list is in the results CSV. */
export function skippedLine(words: Words, skipped: readonly SkippedItem[], max = 10): string | null {
  if (skipped.length === 0) return null;
  const list = (items: readonly SkippedItem[]) => {
    const ids = items.slice(0, max).map((s) => `\`${escapeMrkdwn(s.ref)}\``);
    return items.length > max ? words.t("batch.skipped.more", { ids: ids.join(", "), count: items.length - max }) : ids.join(", ");
  };
  const unknown = skipped.filter((s) => s.why === "unknown");
  const ambiguous = skipped.filter((s) => s.why === "ambiguous");
  return [
    unknown.length ? words.t("batch.skipped.unknown", { count: unknown.length, ids: list(unknown) }) : "",
    ambiguous.length ? words.t("batch.skipped.ambiguous", { count: ambiguous.length, ids: list(ambiguous) }) : "",
  ]
    .filter(Boolean)
    .join("\n");
}

const context = (text: string): KnownBlock => ({ type: "context", elements: [{ type: "mrkdwn", text }] });

/**
 * The batch's one message in the requests channel, updated in place as its members move:
 * "412/500 done: 380 approved, 20 waiting for approval, 12 refused". No message per member.
 */
export function buildBatchMessage(words: Words, b: BatchMessageInput): { text: string; blocks: KnownBlock[] } {
  const line = progressText(words, b.progress, b.shared.kind);
  const title = batchTitle(words, b);
  const shared = escapeMrkdwn(sharedLine(words, b.shared));
  const blocks: KnownBlock[] = [
    { type: "section", text: { type: "mrkdwn", text: words.t("batch.filedBy", { title: escapeMrkdwn(title), by: mention(b.createdBy), source: b.source }) } },
    { type: "section", text: { type: "mrkdwn", text: `*${line}*` } },
    context(b.confirmedAt ? words.t("batch.sharedStarted", { shared, at: slackDate(b.confirmedAt) }) : shared),
  ];
  if (b.shared.note) blocks.push(context(`:memo: ${escapeMrkdwn(b.shared.note).slice(0, 1500)}`));
  const skipped = skippedLine(words, b.skipped);
  if (skipped) blocks.push(context(words.t("batch.notFiled", { skipped })));
  if (b.state === "finished" && b.finishedAt) blocks.push(context(words.t("batch.finished", { at: slackDate(b.finishedAt) })));
  else if (b.state === "filing") blocks.push(context(words.t("batch.filing")));
  return { text: `${title}: ${line}`, blocks };
}

/** A member's decision, for the summary: which rules refused how many. */
export interface DecidedMember {
  state: string;
  decision: Pick<Decision, "outcome" | "ruleIds"> | null;
}

/** "Q8 ×10, G1 ×2": the rule that refused each refused member, most frequent first. */
export function refusalRules(words: Words, members: readonly DecidedMember[]): string {
  const byRule = new Map<string, number>();
  for (const m of members) {
    if (m.state !== "rejected") continue;
    const rule = m.decision?.ruleIds[0] ?? "";
    byRule.set(rule, (byRule.get(rule) ?? 0) + 1);
  }
  return [...byRule]
    .sort(([a, x], [b, y]) => y - x || a.localeCompare(b))
    .map(([rule, n]) => `${rule || words.t("batch.summary.noOrder")} ×${words.number(n)}`)
    .join(", ");
}

/** The reply in the batch's thread when it finishes; the results CSV follows it. */
export function batchSummaryText(words: Words, b: BatchMessageInput, members: readonly DecidedMember[]): string {
  const seconds = b.confirmedAt && b.finishedAt ? Math.max(0, Math.round((b.finishedAt.getTime() - b.confirmedAt.getTime()) / 1000)) : null;
  const refused = refusalRules(words, members);
  const progress = progressText(words, b.progress, b.shared.kind);
  return [
    seconds !== null ? words.t("batch.summary.finishedIn", { batch: b.id, seconds, progress }) : words.t("batch.summary.finished", { batch: b.id, progress }),
    refused ? words.t("batch.summary.refusedBy", { rules: refused }) : "",
    b.skipped.length ? words.t("batch.summary.notFiled", { count: b.skipped.length }) : "",
    words.t("batch.summary.csv"),
  ]
    .filter(Boolean)
    .join("\n");
}
