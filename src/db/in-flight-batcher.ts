/**
 * Runs many callers' statements as one: calls made while a statement of this kind is in flight
 * wait for it and then go together, so under load the round trips per call fall with the load
 * (each round trip to Postgres costs both processes a wake-up), and a lone call waits for nobody.
 * Each caller gets its own result. When a statement for several fails, each of them is run alone,
 * so that one bad input fails only its own caller.
 */
export class InFlightBatcher<In, Out> {
  private waiting: { input: In; resolve: (out: Out) => void; reject: (error: unknown) => void }[] = [];
  private inFlight = 0;
  private scheduled = false;

  constructor(
    /** Runs the inputs as one statement; returns one output per input, in order. */
    private readonly runMany: (inputs: readonly In[]) => Promise<readonly Out[]>,
    private readonly options: { maxInFlight: number; maxBatch: number },
  ) {}

  run(input: In): Promise<Out> {
    return new Promise<Out>((resolve, reject) => {
      this.waiting.push({ input, resolve, reject });
      // Calls made in the same turn of the event loop go together even when nothing is in flight.
      if (!this.scheduled) {
        this.scheduled = true;
        queueMicrotask(() => {
          this.scheduled = false;
          this.pump();
        });
      }
    });
  }

  private pump(): void {
    while (this.inFlight < this.options.maxInFlight && this.waiting.length > 0) {
      const batch = this.waiting.splice(0, this.options.maxBatch);
      this.inFlight++;
      void this.settle(batch).finally(() => {
        this.inFlight--;
        this.pump();
      });
    }
  }

  private async settle(batch: InFlightBatcher<In, Out>["waiting"]): Promise<void> {
    try {
      const outs = await this.runMany(batch.map((call) => call.input));
      if (outs.length !== batch.length) throw new Error(`a batched statement returned ${outs.length} results for ${batch.length} calls`);
      batch.forEach((call, i) => call.resolve(outs[i]!));
    } catch (error) {
      if (batch.length === 1) return batch[0]!.reject(error);
      await Promise.all(
        batch.map((call) =>
          this.runMany([call.input]).then(
            ([out]) => call.resolve(out!),
            (alone: unknown) => call.reject(alone),
          ),
        ),
      );
    }
  }
}

/**
 * One batcher per owner (a database's pool) and kind of statement, made on first use: the
 * statements' modules keep their plain `(db, …)` signatures.
 */
export function batcherPerOwner<Owner extends object, In, Out>(make: (owner: Owner) => InFlightBatcher<In, Out>): (owner: Owner) => InFlightBatcher<In, Out> {
  const batchers = new WeakMap<Owner, InFlightBatcher<In, Out>>();
  return (owner) => {
    let batcher = batchers.get(owner);
    if (!batcher) batchers.set(owner, (batcher = make(owner)));
    return batcher;
  };
}
