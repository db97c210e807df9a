import type { App } from "@slack/bolt";
import type { Services } from "../../../app/services";
import { IDS } from "../../ids";
import { bulkCsvSubmittedListener } from "./bulk-csv-submitted";
import { bulkModalSubmittedListener } from "./bulk-modal-submitted";
import { bulkReviewSubmittedListener } from "./bulk-review-submitted";
import { rejectBatchModalSubmittedListener } from "./reject-batch-modal-submitted";
import { rejectModalSubmittedListener } from "./reject-modal-submitted";
import { requestModalSubmittedListener } from "./request-modal-submitted";

export function register(app: App, services: Services): void {
  app.view(IDS.views.requestModal, requestModalSubmittedListener(services));
  app.view(IDS.views.rejectModal, rejectModalSubmittedListener(services));
  app.view(IDS.views.bulkModal, bulkModalSubmittedListener(services));
  app.view(IDS.views.bulkCsvModal, bulkCsvSubmittedListener(services));
  app.view(IDS.views.bulkReview, bulkReviewSubmittedListener(services));
  app.view(IDS.views.rejectBatchModal, rejectBatchModalSubmittedListener(services));
}
