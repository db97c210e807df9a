import type { AllMiddlewareArgs, App, SlackViewMiddlewareArgs, ViewSubmitAction } from "@slack/bolt";
import type { Services } from "../../../app/services";
import { IDS } from "../../ids";
import { bulkCsvSubmittedListener } from "./bulk-csv-submitted";
import { bulkModalSubmittedListener } from "./bulk-modal-submitted";
import { bulkReviewSubmittedListener } from "./bulk-review-submitted";
import { rejectBatchModalSubmittedListener } from "./reject-batch-modal-submitted";
import { rejectModalSubmittedListener } from "./reject-modal-submitted";
import { requestModalSubmittedListener } from "./request-modal-submitted";
import { routeById } from "../route-by-id";

type SubmitArgs = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;

export function register(app: App, services: Services): void {
  const routes = routeById((args: SubmitArgs) => args.view.callback_id, {
    [IDS.views.requestModal]: requestModalSubmittedListener(services),
    [IDS.views.rejectModal]: rejectModalSubmittedListener(services),
    [IDS.views.bulkModal]: bulkModalSubmittedListener(services),
    [IDS.views.bulkCsvModal]: bulkCsvSubmittedListener(services),
    [IDS.views.bulkReview]: bulkReviewSubmittedListener(services),
    [IDS.views.rejectBatchModal]: rejectBatchModalSubmittedListener(services),
  });
  app.view<ViewSubmitAction>({ type: "view_submission", callback_id: routes.pattern }, routes.handle);
}
