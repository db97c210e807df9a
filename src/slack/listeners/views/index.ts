import type { Services } from "../../../app/services";
import { IDS } from "../../ids";
import { bulkCsvSubmittedListener } from "./bulk-csv-submitted";
import { bulkModalSubmittedListener } from "./bulk-modal-submitted";
import { bulkReviewSubmittedListener } from "./bulk-review-submitted";
import { rejectBatchModalSubmittedListener } from "./reject-batch-modal-submitted";
import { rejectModalSubmittedListener } from "./reject-modal-submitted";
import { requestModalSubmittedListener } from "./request-modal-submitted";

/** The bot's modals, by callback_id: what their submission does. */
export function viewRoutes(services: Services) {
  return {
    [IDS.views.requestModal]: requestModalSubmittedListener(services),
    [IDS.views.rejectModal]: rejectModalSubmittedListener(services),
    [IDS.views.bulkModal]: bulkModalSubmittedListener(services),
    [IDS.views.bulkCsvModal]: bulkCsvSubmittedListener(services),
    [IDS.views.bulkReview]: bulkReviewSubmittedListener(services),
    [IDS.views.rejectBatchModal]: rejectBatchModalSubmittedListener(services),
  };
}
