import type { SlackSender } from "./slack-client";
import type { Submissions } from "./submissions";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface PhaseResult {
  sent: number;
  /** The times of the answers Slack takes as an acknowledgement (200, empty body). */
  acks: number[];
  /** Every answer: when it was sent (ms after the phase began) and how long it took. */
  answers: { sentMs: number; sentAt: number; ms: number; acked: boolean }[];
  failures: number;
  /** ms from sending to the decision message, per order that got one. */
  e2e: number[];
  /** The same, with when each was sent (epoch ms). */
  decided: { sentAt: number; ms: number }[];
  decidedPerSecond: number;
}

/**
 * Open loop: submissions leave at `rate` per second whatever the answers, as real traffic does;
 * then waits (bounded) for every decision message to arrive.
 */
export async function runPhase(sender: SlackSender, decisions: Map<string, number>, { orders, bodies }: Submissions, rate: number, drainMs = 60_000): Promise<PhaseResult> {
  const count = bodies.length;
  const sentAt = new Map<string, number>();
  const answers: PhaseResult["answers"] = [];
  let failures = 0;
  const inFlight: Promise<void>[] = [];
  const started = performance.now();
  for (let i = 0; i < count; i++) {
    const due = started + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 1) await sleep(wait);
    const order = orders[i]!;
    const at = Date.now();
    sentAt.set(order.orderId, at);
    const sentMs = performance.now() - started;
    inFlight.push(
      sender.sendBody(bodies[i]!).then(
        (r) => {
          const acked = r.status === 200 && r.body === "";
          answers.push({ sentMs, sentAt: at, ms: r.ms, acked });
          if (!acked) failures++;
        },
        () => void failures++,
      ),
    );
  }
  await Promise.all(inFlight);
  const deadline = Date.now() + drainMs;
  while (Date.now() < deadline && [...sentAt.keys()].some((id) => !decisions.has(id))) await sleep(100);
  const decided: PhaseResult["decided"] = [];
  const arrivals: number[] = [];
  for (const [orderId, at] of sentAt) {
    const decidedAt = decisions.get(orderId);
    if (decidedAt !== undefined) {
      decided.push({ sentAt: at, ms: decidedAt - at });
      arrivals.push(decidedAt);
    }
  }
  const e2e = decided.map((d) => d.ms);
  arrivals.sort((a, b) => a - b);
  // Throughput over the middle 80 % of arrivals: start-up and the tail do not count.
  const lo = arrivals[Math.floor(arrivals.length * 0.1)] ?? 0;
  const hi = arrivals[Math.floor(arrivals.length * 0.9)] ?? 0;
  const decidedPerSecond = hi > lo ? (Math.floor(arrivals.length * 0.9) - Math.floor(arrivals.length * 0.1)) / ((hi - lo) / 1000) : 0;
  return { sent: count, acks: answers.filter((a) => a.acked).map((a) => a.ms), answers, failures, e2e, decided, decidedPerSecond };
}
