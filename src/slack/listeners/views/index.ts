import type { App } from "@slack/bolt";
import type { Services } from "../../../app/services";
import { IDS } from "../../ids";
import { rejectModalSubmittedListener } from "./reject-modal-submitted";
import { requestModalSubmittedListener } from "./request-modal-submitted";

export function register(app: App, services: Services): void {
  app.view(IDS.views.requestModal, requestModalSubmittedListener(services));
  app.view(IDS.views.rejectModal, rejectModalSubmittedListener(services));
}
