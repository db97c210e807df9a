import type { App } from "@slack/bolt";
import type { Services } from "../../../app/services";
import { requestCommandListener } from "./request-command";

export function register(app: App, services: Services): void {
  // One listener for both: each registered listener costs every request its middleware (route-by-id.ts).
  app.command(/^\/(?:refund|cancel)$/, requestCommandListener(services));
}
