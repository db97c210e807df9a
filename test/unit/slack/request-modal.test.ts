import { describe, expect, it } from "vitest";
import { IDS } from "../../../src/slack/ids";
import { parseRequestSubmission, type SubmittedState } from "../../../src/slack/views/parse-request-submission";
import { buildRequestModal, reasonBlockId, requestModalMetadataSchema, type RequestModalMetadata } from "../../../src/slack/views/request-modal";
import { cyberbizOrder, qoo10Order } from "../../support/orders";
import { wordsFor } from "../../../src/presentation/words";

const cyberbiz = cyberbizOrder({ orderId: "CB1", total: 1000, refunded: 400 });

function metadataOf(view: ReturnType<typeof buildRequestModal>): RequestModalMetadata {
  return requestModalMetadataSchema.parse(JSON.parse(view.private_metadata!));
}

function state(values: { initiator?: string; kind?: string; reason?: string; reasonBlock?: string; amount?: string; options?: string[]; note?: string }): SubmittedState {
  return {
    values: {
      [IDS.blocks.initiator]: { [IDS.actions.initiator]: { selected_option: values.initiator ? { value: values.initiator } : null } },
      [IDS.blocks.kind]: { [IDS.actions.kind]: { selected_option: values.kind ? { value: values.kind } : null } },
      [values.reasonBlock ?? reasonBlockId((values.initiator ?? "store") as "store", (values.kind ?? "refund") as "refund")]: {
        [IDS.actions.reason]: { selected_option: values.reason ? { value: values.reason } : null },
      },
      [IDS.blocks.amount]: { [IDS.actions.amount]: { value: values.amount ?? null } },
      [IDS.blocks.options]: { [IDS.actions.options]: { selected_options: (values.options ?? []).map((value) => ({ value })) } },
      [IDS.blocks.note]: { [IDS.actions.note]: { value: values.note ?? null } },
    },
  };
}

describe("the request modal", () => {
  it("shows the order and defaults the amount to what is still refundable", () => {
    const view = buildRequestModal(wordsFor("en"), { order: cyberbiz, command: "refund", channelId: "C1", initiator: "store", kind: "refund" });
    const text = JSON.stringify(view.blocks);
    expect(text).toContain("Cyberbiz order CB1");
    expect(text).toContain("NT$1,000");
    expect(text).toContain("NT$400");
    const amount = view.blocks.find((b) => b.block_id === IDS.blocks.amount);
    expect(JSON.stringify(amount)).toContain('"initial_value":"600"');
    expect(metadataOf(view)).toEqual({ platform: "cyberbiz", orderId: "CB1", channelId: "C1", command: "refund", initiator: "store", kind: "refund" });
  });

  it("offers flagging the customer only for a Cyberbiz cancel (C5), and no amount for Qoo10 (Q15)", () => {
    const cancel = JSON.stringify(buildRequestModal(wordsFor("en"), { order: cyberbiz, command: "cancel", channelId: "C1", initiator: "store", kind: "cancel" }).blocks);
    const refund = JSON.stringify(buildRequestModal(wordsFor("en"), { order: cyberbiz, command: "refund", channelId: "C1", initiator: "store", kind: "refund" }).blocks);
    expect(cancel).toContain(IDS.options.flagCustomer);
    expect(refund).not.toContain(IDS.options.flagCustomer);
    const qoo10 = buildRequestModal(wordsFor("en"), { order: qoo10Order(), command: "cancel", channelId: "C1", initiator: "store", kind: "cancel" });
    expect(qoo10.blocks.some((b) => b.block_id === IDS.blocks.amount)).toBe(false);
    expect(JSON.stringify(qoo10.blocks)).toContain("Q15");
  });
});

describe("the request modal when the command's own kind cannot succeed", () => {
  const firstBlock = (view: ReturnType<typeof buildRequestModal>) => view.blocks[0] as { block_id?: string; text?: { text: string } };

  it.each([
    ["/cancel, shipped Cyberbiz order", cyberbizOrder({ status: "shipped" }), "cancel", "refund", "Shipped orders cannot be cancelled (C2). You can refund it instead."],
    ["/cancel, delivered Cyberbiz order", cyberbizOrder({ status: "delivered" }), "cancel", "refund", "Delivered orders cannot be cancelled (C2). You can refund it instead."],
    ["/cancel, Qoo10 order in transit", qoo10Order({ status: "in_transit" }), "cancel", "return", "Shipped orders cannot be cancelled (Q8). You can file a return instead."],
    ["/refund, new Qoo10 order", qoo10Order({ status: "new" }), "refund", "cancel", "Qoo10 gives money back only through a cancel or a return (Q15). You can cancel it instead."],
    ["/refund, completed Qoo10 order", qoo10Order({ status: "completed" }), "refund", "return", "Qoo10 gives money back only through a cancel or a return (Q15). You can file a return instead."],
  ] as const)("%s: says so first, with the rule, then offers the alternative", (_label, order, command, kind, sentence) => {
    const view = buildRequestModal(wordsFor("en"), { order, command, channelId: "C1", initiator: "store", kind });
    expect(firstBlock(view)).toMatchObject({ block_id: IDS.blocks.commandNotice, text: { text: `:information_source: ${sentence}` } });
    expect(JSON.stringify(view.blocks.find((b) => b.block_id === IDS.blocks.kind))).not.toContain(`"value":"${command}"`);
  });

  it("says nothing extra when the command's own kind is the one offered, or when the agent picked the other kind of an order that can take both", () => {
    for (const [order, command] of [[cyberbizOrder({ status: "unshipped" }), "cancel"], [cyberbizOrder({ status: "shipped" }), "refund"], [qoo10Order({ status: "new" }), "cancel"]] as const) {
      const view = buildRequestModal(wordsFor("en"), { order, command, channelId: "C1", initiator: "store", kind: command });
      expect(view.blocks.some((b) => b.block_id === IDS.blocks.commandNotice)).toBe(false);
    }
    const picked = buildRequestModal(wordsFor("en"), { order: cyberbizOrder({ status: "unshipped" }), command: "cancel", channelId: "C1", initiator: "store", kind: "refund" });
    expect(picked.blocks.some((b) => b.block_id === IDS.blocks.commandNotice)).toBe(false);
  });
});

describe("a submitted request modal", () => {
  const metadata: RequestModalMetadata = { platform: "cyberbiz", orderId: "CB1", channelId: "C1", command: "refund", initiator: "store", kind: "refund" };

  it("reads a valid submission", () => {
    const result = parseRequestSubmission(wordsFor("en"), state({ initiator: "store", kind: "refund", reason: "defective_item", amount: "150", options: ["notify_customer"], note: "  broken  " }), metadata, cyberbiz);
    expect(result).toEqual({
      ok: true,
      value: { kind: "refund", initiator: "store", reason: "defective_item", amount: 150, notifyCustomer: true, flagCustomer: false, returnReceived: false, note: "broken" },
    });
  });

  it.each([
    ["", /positive whole number/],
    ["-5", /positive whole number/],
    ["2.5", /positive whole number/],
    ["0", /positive whole number/],
    ["1,50", /positive whole number/],
    ["601", /At most NT\$600 can be refunded \(total NT\$1,000 − already refunded NT\$400\)/],
  ])("refuses the amount %j inline", (amount, message) => {
    const result = parseRequestSubmission(wordsFor("en"), state({ initiator: "store", kind: "refund", reason: "other", amount }), metadata, cyberbiz);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors[IDS.blocks.amount]).toMatch(message);
  });

  it("states the limit in the unit the field takes: the number to type for a currency with cents, with its money beside it", () => {
    const usd = cyberbizOrder({ orderId: "CB2", currency: "USD", total: 2000, refunded: 500 });
    const usdMetadata = metadataOf(buildRequestModal(wordsFor("en"), { order: usd, command: "refund", channelId: "C1", initiator: "store", kind: "refund" }));
    const result = parseRequestSubmission(wordsFor("en"), state({ initiator: "store", kind: "refund", reason: "other", amount: "1501" }), usdMetadata, usd);
    expect(!result.ok && result.errors[IDS.blocks.amount]).toBe("At most 1,500 ($15.00) can be refunded (total 2,000 ($20.00) − already refunded 500 ($5.00)).");
  });

  it("accepts exactly the refundable remainder, with or without a thousands separator", () => {
    const result = parseRequestSubmission(wordsFor("en"), state({ initiator: "store", kind: "refund", reason: "other", amount: "600" }), metadata, cyberbiz);
    expect(result.ok && result.value.amount).toBe(600);
    const big = cyberbizOrder({ orderId: "CB9", total: 12000 });
    const grouped = parseRequestSubmission(wordsFor("en"), state({ initiator: "store", kind: "refund", reason: "other", amount: "12,000" }), { ...metadata, orderId: "CB9" }, big);
    expect(grouped.ok && grouped.value.amount).toBe(12000);
  });

  it("refuses a kind the order does not offer, on the kind's block", () => {
    const shipped = cyberbizOrder({ orderId: "CB2", status: "shipped" });
    const result = parseRequestSubmission(wordsFor("en"), state({ initiator: "store", kind: "cancel", amount: "10" }), { ...metadata, orderId: "CB2" }, shipped);
    expect(result).toEqual({ ok: false, errors: { [IDS.blocks.kind]: "Choose Refund." } });
  });

  it("refuses a missing reason, and one that is not offered, on the reason's block", () => {
    const missing = parseRequestSubmission(wordsFor("en"), state({ initiator: "store", kind: "refund", amount: "10" }), metadata, cyberbiz);
    expect(missing).toEqual({ ok: false, errors: { [reasonBlockId("store", "refund")]: "Pick one of the reasons offered." } });
    const qoo10 = qoo10Order({ orderId: "Q1" });
    const qooMeta = { ...metadata, platform: "qoo10" as const, orderId: "Q1", kind: "cancel" as const };
    // A store-side Qoo10 cancel must give a store-side reason (Q3): a defective item is not one.
    const wrong = parseRequestSubmission(wordsFor("en"), state({ initiator: "store", kind: "cancel", reason: "defective_item" }), qooMeta, qoo10);
    expect(wrong).toEqual({ ok: false, errors: { [reasonBlockId("store", "cancel")]: "Pick one of the reasons offered." } });
    const right = parseRequestSubmission(wordsFor("en"), state({ initiator: "store", kind: "cancel", reason: "out_of_stock" }), qooMeta, qoo10);
    expect(right.ok && right.value).toMatchObject({ kind: "cancel", reason: "out_of_stock" });
    expect(right.ok && "amount" in right.value).toBe(false);
  });

  it("says there is nothing to refund on a fully refunded order", () => {
    const done = cyberbizOrder({ orderId: "CB3", total: 500, refunded: 500, status: "delivered" });
    const result = parseRequestSubmission(wordsFor("en"), state({ initiator: "store", kind: "refund", reason: "other", amount: "" }), { ...metadata, orderId: "CB3" }, done);
    expect(!result.ok && Object.values(result.errors).join(" ")).toMatch(/nothing left to refund|positive whole number/);
  });
});
