import { describe, expect, it } from "vitest";
import { chooseSlack } from "../../../src/local-workspace/local-env";

describe("Slack or the local workspace, from the environment", () => {
  it("runs the local workspace only when no Slack credential is set, on 127.0.0.1 unless told otherwise", () => {
    expect(chooseSlack({})).toEqual({ mode: "local", host: "127.0.0.1" });
    expect(chooseSlack({ SLACK_BOT_TOKEN: "", SLACK_SIGNING_SECRET: "  " })).toEqual({ mode: "local", host: "127.0.0.1" });
    expect(chooseSlack({ LOCAL_WORKSPACE_HOST: "0.0.0.0" })).toEqual({ mode: "local", host: "0.0.0.0" });
    expect(chooseSlack({ SLACK_BOT_TOKEN: "xoxb-1", SLACK_SIGNING_SECRET: "secret-123" })).toEqual({ mode: "slack" });
    // Half a Slack app is a Slack app: the configuration check names what is missing.
    expect(chooseSlack({ SLACK_SIGNING_SECRET: "secret-123" })).toEqual({ mode: "slack" });
    expect(chooseSlack({ LOCAL_WORKSPACE: "0" })).toEqual({ mode: "slack" });
  });

  it("never runs beside Slack credentials, even when asked for", () => {
    expect(chooseSlack({ SLACK_BOT_TOKEN: "xoxb-1", LOCAL_WORKSPACE: "1" }).mode).toBe("refuse");
    expect(chooseSlack({ SLACK_BOT_TOKEN: "xoxb-1" }, { explicit: true }).mode).toBe("refuse");
  });

  it("in production, runs only with LOCAL_WORKSPACE=1", () => {
    expect(chooseSlack({ NODE_ENV: "production" })).toMatchObject({ mode: "refuse", problem: expect.stringContaining("LOCAL_WORKSPACE=1") });
    expect(chooseSlack({ NODE_ENV: "production" }, { explicit: true }).mode).toBe("refuse");
    expect(chooseSlack({ NODE_ENV: "production", LOCAL_WORKSPACE: "1" })).toEqual({ mode: "local", host: "127.0.0.1" });
    expect(chooseSlack({ LOCAL_WORKSPACE: "yes" })).toMatchObject({ mode: "refuse", problem: expect.stringContaining("LOCAL_WORKSPACE") });
  });
});
