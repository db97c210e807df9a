import type { Services } from "../../../app/services";
import { requestCommandListener } from "./request-command";

/** The bot's slash commands, as typed: one handler for both. */
export function commandRoutes(services: Services) {
  const requestCommand = requestCommandListener(services);
  return { "/refund": requestCommand, "/cancel": requestCommand };
}
