import type { App } from "@slack/bolt";
import type { Services } from "../../../app/services";
import { IDS } from "../../ids";
import { requestModalSubmittedListener } from "./request-modal-submitted";

export function register(app: App, services: Services): void {
  app.view(IDS.views.requestModal, requestModalSubmittedListener(services));
}
