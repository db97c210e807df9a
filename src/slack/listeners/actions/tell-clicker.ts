import type { AllMiddlewareArgs, BlockAction, SlackActionMiddlewareArgs } from "@slack/bolt";

type ActionArgs = SlackActionMiddlewareArgs<BlockAction> & AllMiddlewareArgs;

/**
 * Answers the person who clicked, privately: ephemeral under the message they clicked, or a
 * direct message when they clicked on App Home (which has no response_url).
 */
export async function tellClicker({ body, respond, client }: ActionArgs, text: string): Promise<void> {
  if (body.response_url) await respond({ response_type: "ephemeral", replace_original: false, text });
  else await client.chat.postMessage({ channel: body.user.id, text });
}

/** The request id a button carries; anything else (a guessed or forged value) is null. */
export function requestIdOf(value: string | undefined): number | null {
  return value !== undefined && /^[1-9]\d{0,9}$/.test(value) && Number(value) <= 2_147_483_647 ? Number(value) : null;
}
