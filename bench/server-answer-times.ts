import { parsePrometheus } from "../test/support/prometheus";

/** The web's histogram of its answers to Slack: cumulative count per bucket bound, in seconds. */
export type AnswerBuckets = Map<number, number>;

export async function slackAnswerBuckets(webBaseUrl: string, metricsToken: string): Promise<AnswerBuckets> {
  const samples = parsePrometheus(await (await fetch(`${webBaseUrl}/metrics`, { headers: { authorization: `Bearer ${metricsToken}` } })).text());
  const buckets: AnswerBuckets = new Map();
  for (const s of samples) {
    if (s.name === "refund_desk_http_request_duration_seconds_bucket" && s.labels.route === "/slack/events") buckets.set(s.labels.le === "+Inf" ? Infinity : Number(s.labels.le), s.value);
  }
  return buckets;
}

/**
 * The percentile `p` of the answers given between two readings, as the web itself timed them (from
 * the request's arrival to the end of its answer): the bound, in ms, of the bucket it falls in.
 * Beside the driver's own timing, it tells the web's time from the time a request waited to be read.
 */
export function answerPercentileBoundMs(before: AnswerBuckets, after: AnswerBuckets, p: number): number {
  const bounds = [...after.keys()].sort((a, b) => a - b);
  const total = (after.get(Infinity) ?? 0) - (before.get(Infinity) ?? 0);
  for (const bound of bounds) {
    if ((after.get(bound) ?? 0) - (before.get(bound) ?? 0) >= (p / 100) * total) return bound * 1000;
  }
  return Infinity;
}
