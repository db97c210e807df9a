import { CommanderError, type Command } from "commander";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { runPolicyCheck } from "../../../src/cli/commands/policy-check";
import { buildProgram } from "../../../src/cli/program";
import { PLATFORMS } from "../../../src/domain/order";
import { reportPeriod } from "../../../src/domain/report-period";

interface Invocation {
  command: string;
  args: unknown[];
}

/**
 * The real program, with every leaf command's action replaced by a recorder and every exit turned
 * into a thrown CommanderError: argv goes through commander's parsing exactly as on the command line,
 * and nothing touches the database, the file system or the process.
 */
function instrumentedProgram(): { program: Command; invocations: Invocation[] } {
  const program = buildProgram(() => {
    throw new Error("no command of this test opens the database");
  });
  const invocations: Invocation[] = [];
  const visit = (command: Command, path: string) => {
    command.exitOverride().configureOutput({ writeOut: () => {}, writeErr: () => {} });
    if (command.commands.length === 0) {
      command.action((...args: unknown[]) => {
        invocations.push({ command: path, args: args.slice(0, -1) });
      });
    }
    for (const sub of command.commands) visit(sub, `${path} ${sub.name()}`.trim());
  };
  visit(program, "");
  return { program, invocations };
}

const WORDS = ["orders", "import", "policy", "check", "rules", "report", "help", "--help", "-h", "--from", "--to", "--format", "csv", "json", "xml", "--platform", "qoo10", "cyberbiz", "--order", "--request", "--explain", "--locale", "ja", "zh-TW", "-", "--", "2026-11-01", "2026-13-40", "--version", "-x"];
const argv = fc.array(fc.oneof(fc.constantFrom(...WORDS), fc.string({ maxLength: 20 }), fc.string({ unit: "grapheme", maxLength: 10 })), { maxLength: 8 });

describe("command-line arguments, any argv", () => {
  it("either reach a command with well-typed options, or end in commander's own usage error: nothing else", async () => {
    await fc.assert(
      fc.asyncProperty(argv, async (args) => {
        const { program, invocations } = instrumentedProgram();
        try {
          await program.parseAsync(args, { from: "user" });
        } catch (error) {
          expect(error).toBeInstanceOf(CommanderError);
          expect([0, 1]).toContain((error as CommanderError).exitCode);
          return;
        }
        expect(invocations.length).toBeLessThanOrEqual(1);
        const [invocation] = invocations;
        if (!invocation) return;
        const options = invocation.args.at(-1) as Record<string, unknown>;
        if (invocation.command === "report") expect(["csv", "json"]).toContain(options.format);
        if (invocation.command === "policy rules" && options.platform !== undefined) expect(PLATFORMS).toContain(options.platform);
        if (invocation.command === "orders import") expect(typeof invocation.args[0]).toBe("string");
      }),
      { numRuns: 2_000 },
    );
  });

  it("report dates: any text gives a period or a problem naming the option", () => {
    fc.assert(
      fc.property(fc.option(fc.oneof(fc.string(), fc.stringMatching(/^\d{4}-\d{2}-\d{2}$/)), { nil: undefined }), fc.option(fc.oneof(fc.string(), fc.stringMatching(/^\d{4}-\d{2}-\d{2}$/)), { nil: undefined }), (from, to) => {
        const period = reportPeriod(from, to, new Date("2026-11-23T10:00:00Z"));
        if (period.ok) expect(period.from.getTime()).toBeLessThan(period.to.getTime());
        else expect(period.problem).toMatch(/^(from|to): /);
      }),
      { numRuns: 3_000 },
    );
  });

  it("policy check: any input and files give a decision (exit 0) or problems (exit 2), never a throw", async () => {
    const text = fc.oneof(fc.string({ maxLength: 300 }), fc.jsonValue().map((v) => JSON.stringify(v)), fc.record({ order: fc.anything(), request: fc.anything() }, { requiredKeys: [] }).map((v) => JSON.stringify(v)));
    await fc.assert(
      fc.asyncProperty(fc.option(fc.oneof(fc.constant("-"), fc.string({ maxLength: 10 })), { nil: undefined }), fc.record({ order: fc.string({ maxLength: 10 }), request: fc.string({ maxLength: 10 }), explain: fc.boolean(), locale: fc.oneof(fc.constantFrom("en", "zh-TW", "zh-CN", "ja"), fc.string({ maxLength: 5 })) }, { requiredKeys: [] }), text, text, async (input, options, first, second) => {
        const result = await runPolicyCheck(input, options, { readFile: async (path) => (path === options.order ? first : second), readStdin: async () => first });
        expect([0, 2]).toContain(result.exitCode);
        if (result.exitCode === 2) expect(result.stderr).toMatch(/\S/);
        else expect(result.stdout).toMatch(/\S/);
      }),
      { numRuns: 2_000 },
    );
  });
});
