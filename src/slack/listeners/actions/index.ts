import type { Services } from "../../../app/services";
import type { ListenerApp } from "../listener-registry";
import { IDS } from "../../ids";
import { answerInTime } from "../answer-in-time";
import { approveBatchClickedListener } from "./approve-batch-clicked";
import { approveClickedListener } from "./approve-clicked";
import { rejectBatchClickedListener } from "./reject-batch-clicked";
import { markRefundedClickedListener } from "./mark-refunded-clicked";
import { rejectClickedListener } from "./reject-clicked";
import { requestModalChoiceChangedListener } from "./request-modal-choice-changed";
import { retryExecutionClickedListener } from "./retry-execution-clicked";

/** The bot's buttons and choices, by action_id: what a click does. */
export function registerActions(app: ListenerApp, services: Services): void {
  const inTime = answerInTime(services.log);
  const choiceChanged = inTime(requestModalChoiceChangedListener(services));
  app.action(IDS.actions.initiator, choiceChanged);
  app.action(IDS.actions.kind, choiceChanged);
  app.action(IDS.actions.approve, inTime(approveClickedListener(services)));
  app.action(IDS.actions.reject, inTime(rejectClickedListener(services)));
  app.action(IDS.actions.approveBatch, inTime(approveBatchClickedListener(services)));
  app.action(IDS.actions.rejectBatch, inTime(rejectBatchClickedListener(services)));
  app.action(IDS.actions.retryExecution, inTime(retryExecutionClickedListener(services)));
  app.action(IDS.actions.markRefunded, inTime(markRefundedClickedListener(services)));
}
