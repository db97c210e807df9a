import type { App } from "@slack/bolt";
import type { Services } from "../../../app/services";
import { IDS } from "../../ids";
import { approveClickedListener } from "./approve-clicked";
import { markRefundedClickedListener } from "./mark-refunded-clicked";
import { rejectClickedListener } from "./reject-clicked";
import { requestModalChoiceChangedListener } from "./request-modal-choice-changed";
import { retryExecutionClickedListener } from "./retry-execution-clicked";

export function register(app: App, services: Services): void {
  const choiceChanged = requestModalChoiceChangedListener(services);
  app.action(IDS.actions.initiator, choiceChanged);
  app.action(IDS.actions.kind, choiceChanged);
  app.action(IDS.actions.approve, approveClickedListener(services));
  app.action(IDS.actions.reject, rejectClickedListener(services));
  app.action(IDS.actions.retryExecution, retryExecutionClickedListener(services));
  app.action(IDS.actions.markRefunded, markRefundedClickedListener(services));
}
