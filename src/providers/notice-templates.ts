import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { chooseNoticeLocale, formatNoticeAmount, renderNotice, TemplateError, type NoticeLocale } from "../domain/customer-notice";
import type { Reason } from "../domain/request";
import type { Notice, NoticeInput, NoticeTemplates as NoticeTemplatesPort } from "../use-cases/ports/runtime";
import { minorDigits } from "../domain/currency";

/** `templates/notices/` at the repository root: plain files a support lead edits (see its README). */
export const DEFAULT_NOTICE_TEMPLATES_DIR = fileURLToPath(new URL("../../templates/notices/", import.meta.url));

export type { Notice, NoticeInput };

/**
 * Reads the notice templates from disk at every notice, so that an edited file takes effect at
 * once. A kind with no file in the buyer's locale falls back to `en`.
 */
export class NoticeTemplates implements NoticeTemplatesPort {
  constructor(private readonly dir: string = DEFAULT_NOTICE_TEMPLATES_DIR) {}

  async render(input: NoticeInput): Promise<Notice> {
    const wanted = chooseNoticeLocale(input.buyerLocale);
    const { text, locale } = await this.readWithFallback(`${input.kind}`, wanted);
    const reasons = await this.reasons(locale);
    const vars = {
      orderId: input.orderId,
      amount: formatNoticeAmount(input.amount, input.currency, locale, minorDigits(input.currency)),
      reason: reasons[input.reason] ?? (await this.reasons("en"))[input.reason] ?? input.reason,
    };
    try {
      return { ...renderNotice(text, vars), locale };
    } catch (error) {
      if (error instanceof TemplateError) throw new TemplateError(`${input.kind}.${locale}.txt: ${error.message}`);
      throw error;
    }
  }

  /** `reason = text` lines; `#` starts a comment. */
  async reasons(locale: NoticeLocale): Promise<Partial<Record<Reason, string>>> {
    const text = await readFile(join(this.dir, `reasons.${locale}.txt`), "utf8").catch(() => "");
    const out: Record<string, string> = {};
    for (const line of text.split(/\r?\n/)) {
      const match = /^\s*([a-z_]+)\s*=\s*(.*?)\s*$/.exec(line);
      if (match && !line.trimStart().startsWith("#")) out[match[1]!] = match[2]!;
    }
    return out;
  }

  private async readWithFallback(kind: string, locale: NoticeLocale): Promise<{ text: string; locale: NoticeLocale }> {
    for (const candidate of locale === "en" ? (["en"] as const) : [locale, "en" as const]) {
      try {
        return { text: await readFile(join(this.dir, `${kind}.${candidate}.txt`), "utf8"), locale: candidate };
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
      }
    }
    throw new TemplateError(`no notice template ${kind}.${locale}.txt nor ${kind}.en.txt in ${this.dir}`);
  }
}
