import type { Person } from "./workspace-types";

/** The local workspace's channels, as the bot's configuration names them. */
export const DEMO_CHANNELS = { requests: "C0REQUESTS", approvals: "C0APPROVALS" } as const;

export const CHANNEL_NAMES: Record<string, string> = { [DEMO_CHANNELS.requests]: "refund-requests", [DEMO_CHANNELS.approvals]: "refund-approvals" };

/**
 * Who you can be in the local workspace: an agent, two approvers (four eyes), and someone who may
 * not approve. Each starts with Slack in English; the page's language switcher sets a person's
 * Slack language, and the bot then answers that person in it.
 */
export const DEMO_PEOPLE: readonly Person[] = [
  { id: "U0MEI", name: "mei", realName: "Mei Lin", title: "Support agent", locale: "en-US", tz: "Asia/Taipei" },
  { id: "U0KENJI", name: "kenji", realName: "Kenji Sato", title: "Approver", locale: "en-US", tz: "Asia/Tokyo" },
  { id: "U0GRACE", name: "grace", realName: "Grace Chen", title: "Approver", locale: "en-US", tz: "Asia/Taipei" },
  { id: "U0RYO", name: "ryo", realName: "Ryo Tanaka", title: "Warehouse, not an approver", locale: "en-US", tz: "Asia/Tokyo" },
];

export const DEMO_AGENT = "U0MEI";
export const DEMO_APPROVERS = ["U0KENJI", "U0GRACE"] as const;
export const DEMO_OUTSIDER = "U0RYO";
