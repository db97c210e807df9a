/**
 * JSON parsing that never lets a large integer pass through a JS number.
 *
 * LINE Pay answers 19-digit transaction ids as bare JSON numbers; `JSON.parse` would round them to
 * the nearest double (2^53 is only 16 digits), so a refund would be looked up, or worse matched,
 * under the wrong id. Node 20 has no `context.source` in revivers, so we rewrite the text first:
 * every integer literal outside a string whose value is not a safe integer becomes a JSON string
 * holding exactly the digits that were sent. Strings (keys and values) are copied untouched.
 */

const NUMBER_TOKEN = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

/** Rewrites the JSON text so that unsafe integer literals are quoted; everything else is kept byte for byte. */
export function quoteUnsafeIntegers(text: string): string {
  const out: string[] = [];
  let copiedUpTo = 0;
  let i = 0;
  while (i < text.length) {
    const ch = text.charCodeAt(i);
    if (ch === 0x22 /* " */) {
      i = skipString(text, i);
      continue;
    }
    if (ch === 0x2d /* - */ || (ch >= 0x30 && ch <= 0x39) /* 0-9 */) {
      NUMBER_TOKEN.lastIndex = i;
      const match = NUMBER_TOKEN.exec(text);
      if (!match || match[0].length === 0) {
        i += 1;
        continue;
      }
      const token = match[0];
      if (isUnsafeIntegerLiteral(token)) {
        out.push(text.slice(copiedUpTo, i), '"', token, '"');
        copiedUpTo = i + token.length;
      }
      i += token.length;
      continue;
    }
    i += 1;
  }
  if (copiedUpTo === 0) return text;
  out.push(text.slice(copiedUpTo));
  return out.join("");
}

/** `JSON.parse` after `quoteUnsafeIntegers`: large integers arrive as strings of their exact digits. */
export function parseJsonLossless(text: string): unknown {
  return JSON.parse(quoteUnsafeIntegers(text));
}

function isUnsafeIntegerLiteral(token: string): boolean {
  if (/[.eE]/.test(token)) return false;
  // Up to 15 digits is always safe; only longer literals need the exact check.
  const digits = token.startsWith("-") ? token.length - 1 : token.length;
  if (digits <= 15) return false;
  return !Number.isSafeInteger(Number(token));
}

/** Index just past the string that starts at `start` (which holds the opening quote). */
function skipString(text: string, start: number): number {
  let i = start + 1;
  while (i < text.length) {
    const ch = text.charCodeAt(i);
    if (ch === 0x5c /* \ */) {
      i += 2;
      continue;
    }
    if (ch === 0x22) return i + 1;
    i += 1;
  }
  return i;
}
