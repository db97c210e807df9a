import type { App } from "@slack/bolt";
import type { Services } from "../../../app/services";
import { requestCommandListener } from "./request-command";

export function register(app: App, services: Services): void {
  const listener = requestCommandListener(services);
  app.command("/refund", listener);
  app.command("/cancel", listener);
}
