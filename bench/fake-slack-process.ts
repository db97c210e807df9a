// The benchmark's fake Slack Web API, in a process of its own: the worker's three calls per request
// are served here, so the driver's event loop, which times the answers, is not held up by them.
// Tells its parent when each decision message arrived, ten times a second (`decisions`), forwards
// the few other calls the benchmark waits for (see `forwarded`), and answers its questions.
import { LocalWorkspace } from "../src/local-workspace/local-workspace";
import type { SlackCall } from "../src/local-workspace/workspace-types";

export type ToFakeSlack = { type: "hostFile"; id: number; name: string; content: string } | { type: "stop" };
export type FromFakeSlack =
  | { type: "ready"; apiUrl: string; baseUrl: string }
  | { type: "call"; call: SlackCall }
  /** Decision messages that arrived since the last: [order id, epoch ms of its first arrival]. */
  | { type: "decisions"; decided: [string, number][] }
  | { type: "hosted"; id: number; fileId: string };

/** The other calls the benchmark waits for: the bulk phase's steps. */
function forwarded(call: SlackCall): boolean {
  return call.method === "views.open" || call.method === "files.completeUploadExternal";
}

/** A request's decision message: its first message in the requests channel (not a thread reply), which names its order. */
function decidedOrder(call: SlackCall, requestsChannel: string): string | undefined {
  if (call.method !== "chat.postMessage" || call.body.channel !== requestsChannel || call.body.thread_ts) return undefined;
  return / order (\S+): /.exec(String(call.body.text))?.[1];
}

const [token, requestsChannel] = process.argv.slice(2);
if (!token || !requestsChannel || !process.send) throw new Error("usage: started by the benchmark with a token and the requests channel");
const send = (message: FromFakeSlack) => process.send!(message);
// Collected and sent together: a message across processes for each decision cost the driver, which
// shares the cores with the bot, CPU for every request. The arrival time is taken here, as it comes.
const seen = new Set<string>();
let decided: [string, number][] = [];
const onCall = (call: SlackCall) => {
  const orderId = decidedOrder(call, requestsChannel);
  if (orderId === undefined) {
    if (forwarded(call)) send({ type: "call", call });
  } else if (!seen.has(orderId)) {
    seen.add(orderId);
    decided.push([orderId, call.at]);
  }
};
setInterval(() => {
  if (decided.length === 0) return;
  send({ type: "decisions", decided });
  decided = [];
}, 100).unref();
const slack = new LocalWorkspace({ botToken: token, keep: false, record: false, onCall });
await slack.start();
process.on("message", (message: ToFakeSlack) => {
  if (message.type === "hostFile") send({ type: "hosted", id: message.id, fileId: slack.hostFile(message.name, message.content) });
  if (message.type === "stop") void slack.stop().then(() => process.exit(0));
});
// The benchmark ended without saying so: no fake Slack left behind.
process.on("disconnect", () => void slack.stop().then(() => process.exit(0)));
send({ type: "ready", apiUrl: slack.apiUrl, baseUrl: slack.baseUrl });
