import { pino } from "pino";
import { describe, expect, it } from "vitest";
import { wordsFor } from "../../../src/presentation/words";
import { answerInTime } from "../../../src/slack/listeners/answer-in-time";

const COULD_NOT_FINISH = wordsFor("en").t("replies.could_not_finish");
import type { Args } from "../../../src/slack/listeners/answer-in-words";

const log = pino({ level: "silent" });

/** Bolt-shaped arguments that record every answer; Bolt's own ack throws when called twice. */
function request(body: Record<string, unknown>) {
  const acks: unknown[] = [];
  const responds: unknown[] = [];
  const posts: unknown[] = [];
  const args = {
    body,
    context: {},
    ack: async (response?: unknown) => {
      if (acks.length > 0) throw new Error("ReceiverMultipleAckError");
      acks.push(response);
    },
    respond: async (message: unknown) => void responds.push(message),
    client: { chat: { postMessage: async (message: unknown) => void posts.push(message) } },
  };
  return { args: args as unknown as Args, acks, responds, posts };
}

const never = () => new Promise<void>(() => undefined);
const command = { command: "/refund", text: "report", user_id: "U1", response_url: "https://hooks.slack.test/1" };
const submission = { type: "view_submission", user: { id: "U1" }, view: { callback_id: "request_modal", state: { values: { initiator: {}, amount: {} } } } };
const click = (responseUrl?: string) => ({ type: "block_actions", user: { id: "U1" }, actions: [{ action_id: "x" }], ...(responseUrl ? { response_url: responseUrl } : {}) });

describe("answerInTime: every listener answers Slack in time, in words when it cannot", () => {
  it("a command still waiting at its deadline is answered privately in words; its own late answer is dropped", async () => {
    const { args, acks } = request(command);
    let late: Promise<void> | undefined;
    await answerInTime(log, 20)(async (a: Args) => {
      late = new Promise((resolve) => setTimeout(resolve, 60)).then(() => (a as unknown as { ack: () => Promise<void> }).ack());
      await late;
    })(args);
    expect(acks).toEqual([{ response_type: "ephemeral", text: COULD_NOT_FINISH }]);
    await late;
    expect(acks).toHaveLength(1);
  });

  it("a form is answered on its first field; a click acknowledged already is told under the message", async () => {
    const form = request(submission);
    await answerInTime(log, 20)(never)(form.args);
    expect(form.acks).toEqual([{ response_action: "errors", errors: { initiator: COULD_NOT_FINISH } }]);

    const clicked = request(click("https://hooks.slack.test/2"));
    await answerInTime(log, 20)(async (a: Args) => {
      await (a as unknown as { ack: () => Promise<void> }).ack();
      await never();
    })(clicked.args);
    expect(clicked.acks).toEqual([undefined]);
    expect(clicked.responds).toEqual([{ response_type: "ephemeral", replace_original: false, text: COULD_NOT_FINISH }]);
  });

  it("a handler that fails is answered in words and its error goes on to Bolt's handler", async () => {
    const { args, acks } = request(command);
    await expect(answerInTime(log, 1_000)(async () => Promise.reject(new Error("Postgres is down")))(args)).rejects.toThrow("Postgres is down");
    expect(acks).toEqual([{ response_type: "ephemeral", text: COULD_NOT_FINISH }]);
  });

  it("a handler that answers in time is left alone", async () => {
    const { args, acks, responds } = request(command);
    await answerInTime(log, 1_000)(async (a: Args) => (a as unknown as { ack: (r: unknown) => Promise<void> }).ack({ text: "done" }))(args);
    expect(acks).toEqual([{ text: "done" }]);
    expect(responds).toEqual([]);
  });
});

