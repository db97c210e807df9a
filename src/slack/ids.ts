/** Every Slack callback, block and action id, in one place. */
export const IDS = {
  views: {
    requestModal: "request_modal",
    rejectModal: "reject_request_modal",
    /** Bulk: ids after the command, reviewed and confirmed in one step. */
    bulkModal: "bulk_modal",
    /** Bulk: a CSV pasted or uploaded, then reviewed (bulkReview) before it is confirmed. */
    bulkCsvModal: "bulk_csv_modal",
    bulkReview: "bulk_review",
    rejectBatchModal: "reject_batch_modal",
  },
  blocks: {
    /** The request modal's first line when the command's own kind cannot succeed. */
    commandNotice: "command_notice",
    initiator: "initiator",
    kind: "kind",
    reason: "reason",
    amount: "amount",
    options: "options",
    note: "note",
    rejectReason: "reject_reason",
    approvalButtons: "approval_buttons",
    bulkKind: "bulk_kind",
    bulkInitiator: "bulk_initiator",
    bulkReason: "bulk_reason",
    bulkOptions: "bulk_options",
    bulkNote: "bulk_note",
    bulkCsv: "bulk_csv",
    bulkFile: "bulk_file",
    batchButtons: "batch_buttons",
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
    bulkKind: "bulk_kind_choice",
    bulkInitiator: "bulk_initiator_choice",
    bulkReason: "bulk_reason_choice",
    bulkOptions: "bulk_options_choice",
    bulkNote: "bulk_note_input",
    bulkCsv: "bulk_csv_input",
    bulkFile: "bulk_file_input",
    /** The value of both batch buttons is the batch id. */
    approveBatch: "approve_batch",
    rejectBatch: "reject_batch",
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
