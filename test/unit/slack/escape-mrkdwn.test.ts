import { describe, expect, it } from "vitest";
import { escapeMrkdwn } from "../../../src/slack/format";

describe("escapeMrkdwn", () => {
  it("escapes each of mrkdwn's control characters, wherever and however often they occur", () => {
    expect(escapeMrkdwn("<!here> & <@U1>")).toBe("&lt;!here&gt; &amp; &lt;@U1&gt;");
    expect(escapeMrkdwn("&")).toBe("&amp;");
    expect(escapeMrkdwn("a>b")).toBe("a&gt;b");
    expect(escapeMrkdwn("&amp;")).toBe("&amp;amp;");
  });

  it("gives text without them back as it is", () => {
    expect(escapeMrkdwn("Order CB-1001 (NT$800) *bold* _it_ ~x~")).toBe("Order CB-1001 (NT$800) *bold* _it_ ~x~");
    expect(escapeMrkdwn("")).toBe("");
  });
});
