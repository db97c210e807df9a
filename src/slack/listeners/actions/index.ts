import type { App } from "@slack/bolt";
import type { Services } from "../../../app/services";
import { IDS } from "../../ids";
import { requestModalChoiceChangedListener } from "./request-modal-choice-changed";

export function register(app: App, services: Services): void {
  const choiceChanged = requestModalChoiceChangedListener(services);
  app.action(IDS.actions.initiator, choiceChanged);
  app.action(IDS.actions.kind, choiceChanged);
}
