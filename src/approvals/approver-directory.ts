/** Who may approve refunds. */
export interface ApproverDirectory {
  isApprover(userId: string): Promise<boolean>;
}

/** Approvers named by Slack user id (REFUND_APPROVERS). */
export class StaticApproverDirectory implements ApproverDirectory {
  private readonly ids: ReadonlySet<string>;

  constructor(ids: readonly string[]) {
    this.ids = new Set(ids);
  }

  async isApprover(userId: string): Promise<boolean> {
    return this.ids.has(userId);
  }
}
