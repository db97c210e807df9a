// The benchmark's fake Slack Web API, in a process of its own: the worker's three calls per request
// are served here, so the driver's event loop, which times the answers, is not held up by them.
// Forwards to its parent only what the benchmark waits for (see `forwarded`); answers its questions.
import { FakeSlackApi, type SlackCall } from "../test/fakes/fake-slack-api";

export type ToFakeSlack = { type: "hostFile"; id: number; name: string; content: string } | { type: "stop" };
export type FromFakeSlack =
  | { type: "ready"; apiUrl: string; baseUrl: string }
  | { type: "call"; call: SlackCall }
  | { type: "hosted"; id: number; fileId: string };

/** The calls the benchmark waits for: decision messages (requests channel, not in a thread) and the bulk phase's steps. */
function forwarded(call: SlackCall, requestsChannel: string): boolean {
  if (call.method === "chat.postMessage") return call.body.channel === requestsChannel && !call.body.thread_ts;
  return call.method === "views.open" || call.method === "files.completeUploadExternal";
}

const [token, requestsChannel] = process.argv.slice(2);
if (!token || !requestsChannel || !process.send) throw new Error("usage: started by the benchmark with a token and the requests channel");
const send = (message: FromFakeSlack) => process.send!(message);
/** A decision message goes without its blocks: the benchmark reads its text, and the copy across processes costs the driver's CPU. */
const lean = (call: SlackCall): SlackCall => (call.method === "chat.postMessage" ? { ...call, body: { channel: call.body.channel, text: call.body.text } } : call);
const slack = new FakeSlackApi(token, { record: false, onCall: (call) => forwarded(call, requestsChannel) && send({ type: "call", call: lean(call) }) });
await slack.start();
process.on("message", (message: ToFakeSlack) => {
  if (message.type === "hostFile") send({ type: "hosted", id: message.id, fileId: slack.hostFile(message.name, message.content) });
  if (message.type === "stop") void slack.stop().then(() => process.exit(0));
});
// The benchmark ended without saying so: no fake Slack left behind.
process.on("disconnect", () => void slack.stop().then(() => process.exit(0)));
send({ type: "ready", apiUrl: slack.apiUrl, baseUrl: slack.baseUrl });
