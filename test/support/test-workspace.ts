import { LocalWorkspace, type LocalWorkspaceOptions } from "../../src/local-workspace/local-workspace";
import { BOT_TOKEN, SIGNING_SECRET } from "./slack-requests";

/** Every channel the tests post to: the workspace answers channel_not_found for any other, as Slack does. */
const TEST_CHANNELS = ["C0REQUESTS", "C0APPROVALS", "C0SUPPORT", "C0REQ", "C0APPROVE", "C0ESC", "C0ESCALATE", "C0CHAOSREQ", "C0CHAOSAPP"];

/**
 * The local workspace as the tests use it: the tests' token and signing secret, their channels,
 * every call recorded. Slack's 3-second window is widened: test files run side by side on two
 * cores, where a command's views.open can come later than it ever would on its own.
 */
export function testWorkspace(options: LocalWorkspaceOptions = {}): LocalWorkspace {
  return new LocalWorkspace({
    botToken: BOT_TOKEN,
    signingSecret: SIGNING_SECRET,
    team: { id: "T0FAKE", name: "Test", domain: "fake" },
    channels: TEST_CHANNELS.map((id) => ({ id, name: id.slice(2).toLowerCase() })),
    windowMs: 30_000,
    ...options,
  });
}
