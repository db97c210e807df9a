import type { Services } from "../../../app/services";
import type { ListenerApp } from "../listener-registry";
import { IDS } from "../../ids";
import { answerInTime } from "../answer-in-time";
import { bulkCsvSubmittedListener } from "./bulk-csv-submitted";
import { bulkModalSubmittedListener } from "./bulk-modal-submitted";
import { bulkReviewSubmittedListener } from "./bulk-review-submitted";
import { rejectBatchModalSubmittedListener } from "./reject-batch-modal-submitted";
import { rejectModalSubmittedListener } from "./reject-modal-submitted";
import { requestModalSubmittedListener } from "./request-modal-submitted";

/** The bot's modals, by callback_id: what their submission does. */
export function registerViews(app: ListenerApp, services: Services): void {
  const inTime = answerInTime(services.log);
  app.view(IDS.views.requestModal, inTime(requestModalSubmittedListener(services)));
  app.view(IDS.views.rejectModal, inTime(rejectModalSubmittedListener(services)));
  app.view(IDS.views.bulkModal, inTime(bulkModalSubmittedListener(services)));
  app.view(IDS.views.bulkCsvModal, inTime(bulkCsvSubmittedListener(services)));
  app.view(IDS.views.bulkReview, inTime(bulkReviewSubmittedListener(services)));
  app.view(IDS.views.rejectBatchModal, inTime(rejectBatchModalSubmittedListener(services)));
}
