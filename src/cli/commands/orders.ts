import { readFile } from "node:fs/promises";
import { Command } from "commander";
import { parseOrderFile } from "../parse-order-file";
import type { Words } from "../../presentation/index";
import { CliError, explainDbError } from "../cli-error";
import { chooseWords, environmentLocaleTag, localeOption } from "../cli-locale";
import type { OpenCliStore } from "../cli-store";

async function readInput(file: string): Promise<string> {
  if (file === "-") {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString("utf8");
  }
  try {
    return await readFile(file, "utf8");
  } catch (error) {
    throw new CliError(`Cannot read ${file}: ${(error as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : (error as Error).message}`);
  }
}

/** `refund-desk orders import FILE`: load orders into the local order store, all or nothing. */
export async function importOrders(openStore: OpenCliStore, file: string, words: Words, out: NodeJS.WritableStream = process.stdout): Promise<void> {
  const parsed = parseOrderFile(await readInput(file));
  if (!parsed.ok) {
    throw new CliError(`${words.t("cli.orders.rejected", { source: file })}\n${parsed.problems.map((p) => `  ${p}`).join("\n")}`);
  }
  const store = openStore();
  try {
    const { added, updated } = await store.upsertOrders(parsed.orders).catch((error: unknown) => {
      throw explainDbError(error);
    });
    const source = file === "-" ? words.t("cli.orders.stdin") : file;
    out.write(`${words.t("cli.orders.imported", { count: parsed.orders.length, source, added, updated })}\n`);
  } finally {
    await store.close();
  }
}

export function ordersCommand(openStore: OpenCliStore): Command {
  const orders = new Command("orders").description("The local order store");
  orders
    .command("import")
    .description("Load orders (a JSON array or JSON Lines, the vocabulary of docs/rules.md) into the local order store; upserts by platform and orderId")
    .argument("<file>", "the file to read, or - for stdin")
    .addOption(localeOption())
    .action(async (file: string, options: { locale?: string }) => {
      const chosen = chooseWords(options.locale, environmentLocaleTag());
      if (!chosen.ok) throw new CliError(chosen.problem, 2);
      await importOrders(openStore, file, chosen.words);
    });
  return orders;
}
