import { ephemeral, type CommandArgs } from "./types";

export async function notAvailableYet({ ack, command }: CommandArgs): Promise<void> {
  await ack(ephemeral(`\`${command.command} ${command.text.trim().split(/\s+/)[0]}\` is not available yet.`));
}
