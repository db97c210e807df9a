import type { App } from "@slack/bolt";
import type { Services } from "../../app/services";
import { registerActions } from "./actions";
import { registerCommands } from "./commands";
import { answerUntaken } from "./answer-untaken";
import { registerEvents } from "./events";
import { ListenerRegistry } from "./listener-registry";
import { speakTheirLanguage } from "./their-words";
import { registerViews } from "./views";

/**
 * Every Slack surface the bot answers, one folder each. Each listener runs within Slack's time
 * (answer-in-time.ts); a request none of them takes is answered at once (answer-untaken.ts).
 */
export function registerListeners(app: App, services: Services): void {
  app.use(answerUntaken(services.log));
  app.use(speakTheirLanguage(services.userLocales));
  const listeners = new ListenerRegistry();
  registerCommands(listeners, services);
  registerActions(listeners, services);
  registerViews(listeners, services);
  registerEvents(listeners, services);
  app.use(listeners.dispatch());
}
