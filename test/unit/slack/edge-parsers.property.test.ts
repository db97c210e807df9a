import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { refundableRemainder } from "../../../src/domain/order";
import { offeredKinds, offeredReasons } from "../../../src/domain/policy";
import { IDS } from "../../../src/slack/ids";
import { requestIdOf } from "../../../src/slack/listeners/actions/tell-clicker";
import { commandProblemText } from "../../../src/slack/listeners/commands/command-problem";
import { MAX_ORDERS_PER_COMMAND, parseCommandText } from "../../../src/slack/parse-command-text";
import { slackLogContext } from "../../../src/slack/slack-log-context";
import { parseRequestSubmission, parseSubmittedState } from "../../../src/slack/views/parse-request-submission";
import { parseRejectReason, parseRejectModalMetadata } from "../../../src/slack/views/reject-modal";
import { parseRequestModalMetadata } from "../../../src/slack/views/request-modal";
import { orderArbitrary } from "../policy/arbitraries";
import { wordsFor } from "../../../src/presentation/words";

const ORDER_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/** Text as agents type it, and as nobody does: words, ids, platforms, separators, any Unicode. */
const commandText = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.string({ unit: "grapheme", maxLength: 100 }),
  fc
    .array(fc.oneof(fc.constantFrom("help", "policy", "status", "report", "intake", "qoo10:", "cyberbiz:", "RD-12", "2026-11-01", ",", " ", "\n", "\t", ":"), fc.stringMatching(ORDER_ID), fc.string({ maxLength: 8 })), { maxLength: 12 })
    .map((parts) => parts.join(" ")),
  fc.array(fc.stringMatching(/^[A-Z0-9]{1,8}$/), { minLength: MAX_ORDERS_PER_COMMAND - 2, maxLength: MAX_ORDERS_PER_COMMAND + 3 }).map((ids) => ids.join(",")),
);

describe("slash-command text, for any input", { timeout: 60_000 }, () => {
  it("never throws, and every order id it accepts is one", () => {
    fc.assert(
      fc.property(fc.constantFrom("refund" as const, "cancel" as const), commandText, (command, text) => {
        const parsed = parseCommandText(command, text);
        expect(["usage", "help", "policy", "status", "report", "intake", "orders", "invalid"]).toContain(parsed.type);
        if (parsed.type === "orders") {
          expect(parsed.refs.length).toBeGreaterThan(0);
          expect(parsed.refs.length).toBeLessThanOrEqual(MAX_ORDERS_PER_COMMAND);
          for (const ref of parsed.refs) {
            expect(ref.orderId).toMatch(ORDER_ID);
            if (ref.platform !== undefined) expect(["cyberbiz", "qoo10"]).toContain(ref.platform);
          }
        }
        if (parsed.type === "invalid") expect(commandProblemText(wordsFor("en"), command, parsed)).toMatch(/\S/);
        if (parsed.type === "status") expect(parsed.query).toMatch(/^\S+$/);
      }),
      { numRuns: 3_000 },
    );
  });
});

const blockIds = fc.constantFrom(IDS.blocks.initiator, IDS.blocks.kind, IDS.blocks.amount, IDS.blocks.options, IDS.blocks.note, "reason_store_cancel", "reason_customer_refund", "reason_store_refund", "reason_store_return", "x");
const actionIds = fc.constantFrom(IDS.actions.initiator, IDS.actions.kind, IDS.actions.reason, IDS.actions.amount, IDS.actions.options, IDS.actions.note, "y");
const optionValue = fc.oneof(
  fc.constantFrom("store", "customer", "cancel", "refund", "return", "other", "out_of_stock", "defective_item", "customer_request", IDS.options.notifyCustomer, IDS.options.flagCustomer),
  fc.anything(),
);
/** One input's state as Slack might send it, or as a forged payload would. */
const actionState = fc.oneof(
  fc.record(
    {
      type: fc.constantFrom("radio_buttons", "static_select", "plain_text_input", "checkboxes"),
      value: fc.oneof(fc.stringMatching(/^[0-9,]{0,16}$/), fc.string({ maxLength: 3000 }), fc.constant(null), fc.anything()),
      selected_option: fc.oneof(fc.record({ value: optionValue }), fc.constant(null), fc.anything()),
      selected_options: fc.oneof(fc.array(fc.oneof(fc.record({ value: optionValue }), fc.anything()), { maxLength: 4 }), fc.anything()),
    },
    { requiredKeys: [] },
  ),
  fc.anything(),
);
/** `state` with any shape: well-formed values, wrong types at any depth, or not an object at all. */
const submittedState = fc.oneof(
  fc.record({ values: fc.dictionary(blockIds, fc.oneof(fc.dictionary(actionIds, actionState), fc.anything())) }),
  fc.record({ values: fc.anything() }),
  fc.anything(),
);

describe("a request modal submission, for any state and metadata", { timeout: 60_000 }, () => {
  it("never throws: it files only what the order allows, or names the blocks that are wrong", () => {
    const known = new Set<string>(Object.values(IDS.blocks));
    fc.assert(
      fc.property(orderArbitrary, submittedState, fc.constantFrom("store", "customer") as fc.Arbitrary<"store" | "customer">, fc.constantFrom("cancel", "refund", "return") as fc.Arbitrary<"cancel" | "refund" | "return">, (order, state, initiator, kind) => {
        const metadata = { platform: order.platform, orderId: order.orderId, channelId: "C0SUPPORT", command: "refund" as const, initiator, kind };
        const result = parseRequestSubmission(wordsFor("en"), parseSubmittedState(state), metadata, order);
        if (result.ok) {
          const { value } = result;
          expect(offeredKinds(order, value.initiator)).toContain(value.kind);
          expect(offeredReasons(order, value.kind, value.initiator)).toContain(value.reason);
          if (value.amount !== undefined) {
            expect(Number.isInteger(value.amount)).toBe(true);
            expect(value.amount).toBeGreaterThanOrEqual(1);
            expect(value.amount).toBeLessThanOrEqual(refundableRemainder(order));
          }
          if (value.note !== undefined) expect(value.note.length).toBeLessThanOrEqual(2000);
        } else {
          expect(Object.keys(result.errors).length).toBeGreaterThan(0);
          for (const [block, message] of Object.entries(result.errors)) {
            expect(known.has(block) || /^reason_(store|customer)_(cancel|refund|return)$/.test(block), block).toBe(true);
            expect(message).toMatch(/\S/);
          }
        }
      }),
      { numRuns: 2_000 },
    );
  });

  it("reads private_metadata of any text as metadata or nothing, never a throw", () => {
    const texts = fc.oneof(
      fc.string(),
      fc.jsonValue().map((v) => JSON.stringify(v)),
      fc.record({ platform: fc.oneof(fc.constantFrom("qoo10", "cyberbiz"), fc.anything()), orderId: fc.anything(), channelId: fc.anything(), command: fc.anything(), initiator: fc.anything(), kind: fc.anything() }, { requiredKeys: [] }).map((v) => JSON.stringify(v)),
      fc.anything(),
    );
    fc.assert(
      fc.property(texts, (text) => {
        const metadata = parseRequestModalMetadata(text);
        if (metadata === null) return;
        expect(["qoo10", "cyberbiz"]).toContain(metadata.platform);
        expect(metadata.orderId.length).toBeGreaterThan(0);
      }),
      { numRuns: 2_000 },
    );
  });
});

describe("the reject modal, for any payload", { timeout: 60_000 }, () => {
  it("reads a reason of 3 to 500 characters or none, and a request id or none", () => {
    fc.assert(
      fc.property(submittedState, fc.oneof(fc.string(), fc.jsonValue().map((v) => JSON.stringify(v)), fc.anything()), (state, metadataText) => {
        const reason = parseRejectReason(parseSubmittedState(state).values);
        if (reason !== null) {
          expect(reason.length).toBeGreaterThanOrEqual(3);
          expect(reason.length).toBeLessThanOrEqual(500);
          expect(reason).toBe(reason.trim());
        }
        const metadata = parseRejectModalMetadata(metadataText);
        if (metadata !== null) expect(Number.isInteger(metadata.requestId) && metadata.requestId > 0).toBe(true);
      }),
      { numRuns: 2_000 },
    );
  });
});

describe("block action values, for any value", { timeout: 60_000 }, () => {
  it("name a request id in Postgres' int range, or nothing", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.stringMatching(/^-?\d{0,12}$/), fc.integer().map(String), fc.constant(undefined)), (value) => {
        const id = requestIdOf(value);
        if (id === null) return;
        expect(Number.isInteger(id)).toBe(true);
        expect(id).toBeGreaterThanOrEqual(1);
        expect(id).toBeLessThanOrEqual(2_147_483_647);
        expect(String(id)).toBe(value);
      }),
      { numRuns: 5_000 },
    );
  });

  it("give log context for any payload, without its text", () => {
    fc.assert(
      fc.property(fc.oneof(fc.anything(), fc.record({ type: fc.anything(), user: fc.anything(), actions: fc.anything(), view: fc.anything() }, { requiredKeys: [] })), (body) => {
        const context = slackLogContext(body);
        if (context.requestId !== undefined) expect(Number.isInteger(context.requestId)).toBe(true);
      }),
      { numRuns: 2_000 },
    );
  });
});
