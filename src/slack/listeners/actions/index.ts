import type { Services } from "../../../app/services";
import { IDS } from "../../ids";
import { approveBatchClickedListener } from "./approve-batch-clicked";
import { approveClickedListener } from "./approve-clicked";
import { rejectBatchClickedListener } from "./reject-batch-clicked";
import { markRefundedClickedListener } from "./mark-refunded-clicked";
import { rejectClickedListener } from "./reject-clicked";
import { requestModalChoiceChangedListener } from "./request-modal-choice-changed";
import { retryExecutionClickedListener } from "./retry-execution-clicked";

/** The bot's buttons and choices, by action_id: what a click does. Each handler takes the action its element sends (a button, a radio choice). */
export function actionRoutes(services: Services) {
  const choiceChanged = requestModalChoiceChangedListener(services);
  return {
    [IDS.actions.initiator]: choiceChanged,
    [IDS.actions.kind]: choiceChanged,
    [IDS.actions.approve]: approveClickedListener(services),
    [IDS.actions.reject]: rejectClickedListener(services),
    [IDS.actions.approveBatch]: approveBatchClickedListener(services),
    [IDS.actions.rejectBatch]: rejectBatchClickedListener(services),
    [IDS.actions.retryExecution]: retryExecutionClickedListener(services),
    [IDS.actions.markRefunded]: markRefundedClickedListener(services),
  };
}
