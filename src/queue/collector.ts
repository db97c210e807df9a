/**
 * Gathers items for a short window and hands them on together: many requests filed within a few
 * milliseconds become one job instead of one each. `add` resolves once the window's items are
 * handed on (rejects if that failed); `drain` hands on what waits now, for a process that stops.
 */
export class Collector<T> {
  private current: { items: T[]; timer: NodeJS.Timeout; handedOn: Promise<void>; start(): void } | null = null;

  constructor(
    private readonly handOn: (items: T[]) => Promise<void>,
    private readonly windowMs: number,
    private readonly maxItems: number,
  ) {}

  add(item: T): Promise<void> {
    const batch = this.current ?? this.open();
    batch.items.push(item);
    const { handedOn } = batch;
    if (batch.items.length >= this.maxItems) this.flush();
    return handedOn;
  }

  async drain(): Promise<void> {
    const batch = this.current;
    this.flush();
    await batch?.handedOn.catch(() => undefined);
  }

  private open(): NonNullable<Collector<T>["current"]> {
    let start!: () => void;
    const items: T[] = [];
    const handedOn = new Promise<void>((resolve, reject) => (start = () => this.handOn(items).then(resolve, reject)));
    // Callers may not wait for it: a failure is theirs to log, never an unhandled rejection.
    handedOn.catch(() => undefined);
    const timer = setTimeout(() => this.flush(), this.windowMs);
    this.current = { items, timer, handedOn, start };
    return this.current;
  }

  private flush(): void {
    const batch = this.current;
    if (!batch) return;
    this.current = null;
    clearTimeout(batch.timer);
    batch.start();
  }
}
