import type { SlackCall, SlackFault } from "./workspace-types";

type When = (body: Record<string, unknown>) => boolean;

/**
 * What the bot asked of the workspace, for whoever watches it (tests, a benchmark, a chaos run):
 * every call kept (or handed to `onCall`), faults to play on the next calls of a method (429 with
 * Retry-After, a 5xx, a platform error) and calls to hold unanswered for as long as needed.
 */
export class CallLog {
  readonly calls: SlackCall[] = [];
  /** Faults played so far, by kind (`429`, `5xx`, `error`). */
  readonly faultsPlayed: Record<string, number> = {};
  private readonly faults = new Map<string, { fault: SlackFault; when?: When }[]>();
  private readonly holds: { method: string; when?: When; gate: Promise<void> }[] = [];
  private readonly openers = new Set<() => void>();
  private readonly waiters = new Set<() => void>();

  constructor(private readonly options: { record?: boolean; onCall?: (call: SlackCall) => void } = {}) {}

  record(call: SlackCall): void {
    this.options.onCall?.(call);
    if (this.options.record === false) return;
    this.calls.push(call);
    for (const waiter of [...this.waiters]) waiter();
  }

  /** The next `times` calls of `method` (that match `when`, if given) get `fault`. */
  failNext(method: string, fault: SlackFault, times = 1, when?: When): void {
    const queue = this.faults.get(method) ?? [];
    for (let i = 0; i < times; i++) queue.push({ fault, ...(when ? { when } : {}) });
    this.faults.set(method, queue);
  }

  /** Faults armed with failNext and not played yet, over every method. */
  get pendingFaults(): number {
    return [...this.faults.values()].reduce((sum, queue) => sum + queue.length, 0);
  }

  /** The fault this call gets, if one is armed for it (it is played, and counted). */
  takeFault(method: string, body: Record<string, unknown>): SlackFault | undefined {
    const pending = this.faults.get(method) ?? [];
    const index = pending.findIndex((f) => !f.when || f.when(body));
    if (index === -1) return undefined;
    const { fault } = pending.splice(index, 1)[0]!;
    const kind = "error" in fault ? "error" : fault.status === 429 ? "429" : "5xx";
    this.faultsPlayed[kind] = (this.faultsPlayed[kind] ?? 0) + 1;
    return fault;
  }

  /** The next call of `method` (that matches `when`) is recorded but not answered until the returned function is called. */
  holdNext(method: string, when?: When): () => void {
    let open = () => {};
    const gate = new Promise<void>((resolve) => (open = resolve));
    const hold = { method, ...(when ? { when } : {}), gate };
    this.holds.push(hold);
    this.openers.add(open);
    return () => {
      const index = this.holds.indexOf(hold);
      if (index !== -1) this.holds.splice(index, 1);
      open();
    };
  }

  /**
   * The gate this call waits behind, if it is held. None otherwise, and no await: a call's answer
   * is set in the same turn as it is recorded, so whoever waits for the call sees its answer too.
   */
  heldBy(method: string, body: Record<string, unknown>): Promise<void> | undefined {
    const index = this.holds.findIndex((h) => h.method === method && (!h.when || h.when(body)));
    return index === -1 ? undefined : this.holds.splice(index, 1)[0]!.gate;
  }

  releaseAll(): void {
    for (const open of this.openers) open();
  }

  callsTo(method: string): SlackCall[] {
    return this.calls.filter((call) => call.method === method);
  }

  /** Resolves with the first call (past or future) that matches, or rejects after `timeoutMs`. */
  waitFor(predicate: (call: SlackCall) => boolean, timeoutMs = 15_000, what = "a matching Slack call"): Promise<SlackCall> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const found = this.calls.find(predicate);
        if (!found) return false;
        clearTimeout(timer);
        this.waiters.delete(waiter);
        resolve(found);
        return true;
      };
      const waiter = () => void check();
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}; calls so far: ${this.calls.map((c) => c.method).join(", ") || "none"}`));
      }, timeoutMs);
      this.waiters.add(waiter);
      check();
    });
  }
}
