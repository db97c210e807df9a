import type { WebClient } from "@slack/web-api";
import type { ApprovalPolicy } from "../domain/approval-policy";

/** Who may approve refunds. */
export interface ApproverDirectory {
  isApprover(userId: string): Promise<boolean>;
  /** Everyone who may approve: named users, the user group's members, the fallback approver. */
  list(): Promise<string[]>;
}

const GROUP_TTL_MS = 5 * 60_000;

/**
 * Approvers named by user id, plus the members of a Slack user group (read with
 * usergroups.users.list and kept for five minutes), plus the fallback approver.
 */
export class SlackApproverDirectory implements ApproverDirectory {
  private groupMembers?: { users: readonly string[]; until: number };

  constructor(
    private readonly policy: Pick<ApprovalPolicy, "approverIds" | "approverGroup" | "fallbackApprover">,
    private readonly slack: Pick<WebClient, "usergroups">,
    private readonly now: () => number = Date.now,
  ) {}

  async isApprover(userId: string): Promise<boolean> {
    return (await this.list()).includes(userId);
  }

  async list(): Promise<string[]> {
    const named = [...this.policy.approverIds, ...(this.policy.fallbackApprover ? [this.policy.fallbackApprover] : [])];
    return [...new Set([...named, ...(await this.members())])];
  }

  private async members(): Promise<readonly string[]> {
    const group = this.policy.approverGroup;
    if (!group) return [];
    if (this.groupMembers && this.groupMembers.until > this.now()) return this.groupMembers.users;
    try {
      const answer = await this.slack.usergroups.users.list({ usergroup: group });
      this.groupMembers = { users: answer.users ?? [], until: this.now() + GROUP_TTL_MS };
    } catch (error) {
      // Slack unreachable: keep the last known members rather than locking every approver out.
      if (!this.groupMembers) throw error;
    }
    return this.groupMembers.users;
  }
}
