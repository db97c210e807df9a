/** Every Slack callback, block and action id, in one place. */
export const IDS = {
  views: {
    requestModal: "request_modal",
  },
  blocks: {
    initiator: "initiator",
    kind: "kind",
    reason: "reason",
    amount: "amount",
    options: "options",
    note: "note",
  },
  actions: {
    initiator: "initiator_choice",
    kind: "kind_choice",
    reason: "reason_choice",
    amount: "amount_input",
    options: "options_choice",
    note: "note_input",
  },
  options: {
    notifyCustomer: "notify_customer",
    flagCustomer: "flag_customer",
    returnReceived: "return_received",
  },
} as const;
