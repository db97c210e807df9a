import type { AllMiddlewareArgs, App, BlockAction, SlackActionMiddlewareArgs } from "@slack/bolt";
import type { Services } from "../../../app/services";
import { IDS } from "../../ids";
import { approveBatchClickedListener } from "./approve-batch-clicked";
import { approveClickedListener } from "./approve-clicked";
import { rejectBatchClickedListener } from "./reject-batch-clicked";
import { markRefundedClickedListener } from "./mark-refunded-clicked";
import { rejectClickedListener } from "./reject-clicked";
import { requestModalChoiceChangedListener } from "./request-modal-choice-changed";
import { retryExecutionClickedListener } from "./retry-execution-clicked";
import { routeById } from "../route-by-id";

type AnyActionArgs = SlackActionMiddlewareArgs<BlockAction> & AllMiddlewareArgs;

/** Each handler takes the action its element sends (a button, a radio choice), as `app.action<T>` would give it. */
const handler = <Args>(listener: (args: Args) => Promise<void>) => listener as unknown as (args: AnyActionArgs) => Promise<void>;

export function register(app: App, services: Services): void {
  const choiceChanged = handler(requestModalChoiceChangedListener(services));
  const routes = routeById((args: AnyActionArgs) => args.action.action_id, {
    [IDS.actions.initiator]: choiceChanged,
    [IDS.actions.kind]: choiceChanged,
    [IDS.actions.approve]: handler(approveClickedListener(services)),
    [IDS.actions.reject]: handler(rejectClickedListener(services)),
    [IDS.actions.approveBatch]: handler(approveBatchClickedListener(services)),
    [IDS.actions.rejectBatch]: handler(rejectBatchClickedListener(services)),
    [IDS.actions.retryExecution]: handler(retryExecutionClickedListener(services)),
    [IDS.actions.markRefunded]: handler(markRefundedClickedListener(services)),
  });
  app.action<BlockAction>({ type: "block_actions", action_id: routes.pattern }, routes.handle);
}
