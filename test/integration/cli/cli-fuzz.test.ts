import { execFile } from "node:child_process";
import { promisify } from "node:util";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { databaseUrl } from "../../support/file-database";

const run = promisify(execFile);
/** Spawning the CLI costs about a second: a few dozen runs here; the in-process property test runs thousands. */
const RUNS = 24;
const CONCURRENCY = 8;

const WORDS = ["orders", "import", "policy", "check", "rules", "report", "help", "--help", "--from", "--to", "--format", "json", "xml", "--platform", "qoo10", "--order", "--request", "--explain", "-", "2026-11-01", "2026-02-30", "/nonexistent/file.json", "-x"];
const argv = fc.array(fc.oneof(fc.constantFrom(...WORDS), fc.string({ maxLength: 12 }).filter((s) => !s.startsWith("/") && !s.includes("\0"))), { maxLength: 6 });

async function cli(args: string[]): Promise<{ code: number; stderr: string }> {
  try {
    const { stderr } = await run(process.execPath, ["bin/refund-desk.js", ...args], {
      env: { ...process.env, DATABASE_URL: databaseUrl(), DOTENV_PATH: "/nonexistent" },
      timeout: 30_000,
    });
    return { code: 0, stderr };
  } catch (error) {
    const e = error as { code: number; stderr: string };
    return { code: e.code, stderr: e.stderr };
  }
}

describe("the real CLI, for random argv", () => {
  // Spawns are slow when the whole suite runs at once: the time limit is about load, not speed.
  it("exits 0, 1 or 2 with a message, never with a stack trace", { timeout: 180_000 }, async () => {
    const samples = fc.sample(argv, { numRuns: RUNS, seed: 7 });
    const results: { args: string[]; code: number; stderr: string }[] = [];
    for (let i = 0; i < samples.length; i += CONCURRENCY) {
      results.push(...(await Promise.all(samples.slice(i, i + CONCURRENCY).map(async (args) => ({ args, ...(await cli(args)) })))));
    }
    for (const { args, code, stderr } of results) {
      expect([0, 1, 2], `${JSON.stringify(args)}: ${stderr}`).toContain(code);
      expect(stderr, JSON.stringify(args)).not.toMatch(/\n\s+at /);
    }
  });
});
