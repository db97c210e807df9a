import { readFileSync } from "node:fs";

/**
 * The command of an npm script (`VAR=value node <flags> dist/entry/web.js`) and the variables it
 * sets, run without npm in between: the processes measured are the bot's own.
 */
export function commandOf(script: string): { command: string[]; env: Record<string, string> } {
  const scripts = (JSON.parse(readFileSync("package.json", "utf8")) as { scripts: Record<string, string> }).scripts;
  const words = scripts[script]!.split(/\s+/);
  const env: Record<string, string> = {};
  while (/^[A-Z_]+=/.test(words[0] ?? "")) {
    const [name, value] = words.shift()!.split("=") as [string, string];
    env[name] = value;
  }
  const [node, ...args] = words;
  if (node !== "node") throw new Error(`npm run ${script} does not start node: ${scripts[script]}`);
  return { command: [process.execPath, ...args], env };
}
