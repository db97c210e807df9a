import type { Logger } from "../../observability/logger";
import { slackLogContext } from "../slack-log-context";
import { ackOnce, answerInWords, type Args } from "./answer-in-words";
import { markTaken } from "./answer-untaken";
import { wordsIn } from "./their-words";

/**
 * By when a handler must have answered Slack: Slack gives up after 3 s, and its answer must still
 * reach Slack. A handler waiting on a database or a Redis that does not answer is answered for.
 */
export const ANSWER_WITHIN_MS = 2_000;

const LATE = Symbol("late");

/**
 * Wraps a listener with a deadline: if it has not answered Slack within `withinMs`, or fails, the
 * person is told in words (`answerInWords`) and the listener's own answer, should it come later, is
 * dropped. A listener that fails is still reported (its error is thrown on, to Bolt's error
 * handler). Each wrapped listener also marks the request as taken (see `answerUntaken`).
 */
export function answerInTime(log: Pick<Logger, "warn" | "error">, withinMs = ANSWER_WITHIN_MS) {
  return <A extends Args>(listener: (args: A) => Promise<void>) =>
    async (args: A): Promise<void> => {
      markTaken(args);
      const acked = ackOnce(args);
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<typeof LATE>((resolve) => (timer = setTimeout(resolve, withinMs, LATE)));
      const running = listener(args);
      let outcome: void | typeof LATE;
      try {
        outcome = await Promise.race([running, late]);
      } catch (error) {
        clearTimeout(timer);
        await answerInWords(args, wordsIn(args.context).t("replies.could_not_finish"), acked());
        throw error;
      }
      clearTimeout(timer);
      if (outcome !== LATE) return;
      log.warn({ ...slackLogContext(args.body), withinMs }, "Slack handler still working at its deadline: the person was told in words");
      await answerInWords(args, wordsIn(args.context).t("replies.could_not_finish"), acked());
      running.catch((error: unknown) => log.error({ err: error, ...slackLogContext(args.body) }, "Slack listener failed after its deadline"));
    };
}
