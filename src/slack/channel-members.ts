import type { WebClient } from "@slack/web-api";

const MEMBERS_TTL_MS = 5 * 60_000;

/**
 * The members of one channel (conversations.members, every page), read at most every five minutes.
 * When Slack cannot be reached, the last members read are kept; before any read succeeded, nobody
 * counts as a member.
 */
export class ChannelMembers {
  private members?: { users: ReadonlySet<string>; until: number };

  constructor(
    private readonly channel: string,
    private readonly slack: Pick<WebClient, "conversations">,
    private readonly now: () => number = Date.now,
  ) {}

  async has(userId: string): Promise<boolean> {
    return (await this.current()).has(userId);
  }

  private async current(): Promise<ReadonlySet<string>> {
    if (this.members && this.members.until > this.now()) return this.members.users;
    try {
      const users = new Set<string>();
      let cursor: string | undefined;
      do {
        const page = await this.slack.conversations.members({ channel: this.channel, limit: 1000, ...(cursor ? { cursor } : {}) });
        for (const user of page.members ?? []) users.add(user);
        cursor = page.response_metadata?.next_cursor || undefined;
      } while (cursor);
      this.members = { users, until: this.now() + MEMBERS_TTL_MS };
    } catch {
      // Slack unreachable: the last known members, or none.
      if (!this.members) return new Set();
    }
    return this.members.users;
  }
}
