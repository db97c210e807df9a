import type { App } from "@slack/bolt";
import type { Services } from "../../../app/services";
import { IDS } from "../../ids";
import { approveClickedListener } from "./approve-clicked";
import { rejectClickedListener } from "./reject-clicked";
import { requestModalChoiceChangedListener } from "./request-modal-choice-changed";

export function register(app: App, services: Services): void {
  const choiceChanged = requestModalChoiceChangedListener(services);
  app.action(IDS.actions.initiator, choiceChanged);
  app.action(IDS.actions.kind, choiceChanged);
  app.action(IDS.actions.approve, approveClickedListener(services));
  app.action(IDS.actions.reject, rejectClickedListener(services));
}
