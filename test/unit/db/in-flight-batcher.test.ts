import { describe, expect, it } from "vitest";
import { InFlightBatcher } from "../../../src/db/in-flight-batcher";

/** A statement the test finishes by hand: records each batch it was given. */
function manualStatement(fail: (input: number) => boolean = () => false) {
  const batches: number[][] = [];
  const finishers: (() => void)[] = [];
  const runMany = (inputs: readonly number[]) => {
    batches.push([...inputs]);
    return new Promise<number[]>((resolve, reject) => {
      finishers.push(() => (inputs.some(fail) ? reject(new Error(`bad input among ${inputs.join(",")}`)) : resolve(inputs.map((n) => n * 10))));
    });
  };
  const finishNext = async () => {
    finishers.shift()!();
    await new Promise((resolve) => setImmediate(resolve));
  };
  return { batches, runMany, finishNext };
}

const turn = () => new Promise((resolve) => setImmediate(resolve));

describe("InFlightBatcher", () => {
  it("runs a lone call at once, as a batch of one", async () => {
    const statement = manualStatement();
    const batcher = new InFlightBatcher(statement.runMany, { maxInFlight: 1, maxBatch: 10 });
    const result = batcher.run(4);
    await turn();
    expect(statement.batches).toEqual([[4]]);
    await statement.finishNext();
    await expect(result).resolves.toBe(40);
  });

  it("runs the calls made while one is in flight as one statement, each caller getting its own result", async () => {
    const statement = manualStatement();
    const batcher = new InFlightBatcher(statement.runMany, { maxInFlight: 1, maxBatch: 10 });
    const first = batcher.run(1);
    await turn();
    const later = [batcher.run(2), batcher.run(3)];
    await turn();
    const more = batcher.run(4);
    await turn();
    expect(statement.batches).toEqual([[1]]);
    await statement.finishNext();
    expect(statement.batches).toEqual([[1], [2, 3, 4]]);
    await statement.finishNext();
    await expect(Promise.all([first, ...later, more])).resolves.toEqual([10, 20, 30, 40]);
  });

  it("puts the calls of one turn together, and never more than maxBatch in one statement", async () => {
    const statement = manualStatement();
    const batcher = new InFlightBatcher(statement.runMany, { maxInFlight: 2, maxBatch: 3 });
    const results = [1, 2, 3, 4, 5, 6, 7].map((n) => batcher.run(n));
    await turn();
    expect(statement.batches).toEqual([[1, 2, 3], [4, 5, 6]]);
    await statement.finishNext();
    expect(statement.batches).toEqual([[1, 2, 3], [4, 5, 6], [7]]);
    await statement.finishNext();
    await statement.finishNext();
    await expect(Promise.all(results)).resolves.toEqual([10, 20, 30, 40, 50, 60, 70]);
  });

  it("when a statement for several fails, runs each alone: only the bad input's caller fails", async () => {
    const statement = manualStatement((n) => n === 2);
    const batcher = new InFlightBatcher(statement.runMany, { maxInFlight: 1, maxBatch: 10 });
    const results = [1, 2, 3].map((n) => batcher.run(n).then((v) => ({ ok: v }), (e: Error) => ({ error: e.message })));
    await turn();
    await statement.finishNext();
    expect(statement.batches).toEqual([[1, 2, 3], [1], [2], [3]]);
    await statement.finishNext();
    await statement.finishNext();
    await statement.finishNext();
    await expect(Promise.all(results)).resolves.toEqual([{ ok: 10 }, { error: "bad input among 2" }, { ok: 30 }]);
  });

  it("holds a statement to one result per call: a short answer for several is retried call by call, and fails a lone call", async () => {
    const batcher = new InFlightBatcher(async () => [1], { maxInFlight: 1, maxBatch: 10 });
    await expect(Promise.all([batcher.run(1), batcher.run(2)])).resolves.toEqual([1, 1]);
    const broken = new InFlightBatcher(async () => [] as number[], { maxInFlight: 1, maxBatch: 10 });
    await expect(broken.run(1)).rejects.toThrow("returned 0 results for 1 calls");
  });
});
