/** Every Slack callback, block and action id, in one place. */
export const IDS = {
  views: {
    requestModal: "request_modal",
    rejectModal: "reject_request_modal",
  },
  blocks: {
    initiator: "initiator",
    kind: "kind",
    reason: "reason",
    amount: "amount",
    options: "options",
    note: "note",
    rejectReason: "reject_reason",
    approvalButtons: "approval_buttons",
    /** The request message's execution section: failure or manual task, with its button. */
    execution: "execution",
  },
  actions: {
    initiator: "initiator_choice",
    kind: "kind_choice",
    reason: "reason_choice",
    amount: "amount_input",
    options: "options_choice",
    note: "note_input",
    /** The value of both approval buttons is the request id. */
    approve: "approve_request",
    reject: "reject_request",
    rejectReason: "reject_reason_input",
    /** Approvers: carry out a failed request again (failed → approved). */
    retryExecution: "retry_execution",
    /** Approvers: the manual refund (C7) was made by other means (manual_pending → completed). */
    markRefunded: "mark_refunded",
  },
  options: {
    notifyCustomer: "notify_customer",
    flagCustomer: "flag_customer",
    returnReceived: "return_received",
  },
} as const;
