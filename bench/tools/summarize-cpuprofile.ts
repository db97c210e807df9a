// Prints where a process spent its CPU: self time per function and per package, from a
// `node --cpu-prof` profile. Usage: tsx bench/tools/summarize-cpuprofile.ts FILE.cpuprofile [TOP]
import { readFileSync } from "node:fs";

interface Node { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }
const [file, topArg] = process.argv.slice(2);
if (!file) throw new Error("usage: summarize-cpuprofile FILE [TOP]");
const profile = JSON.parse(readFileSync(file, "utf8")) as { nodes: Node[]; samples: number[]; timeDeltas: number[] };
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const self = new Map<number, number>();
profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
const total = [...self.values()].reduce((a, b) => a + b, 0);
const fn = new Map<string, number>();
const pkg = new Map<string, number>();
for (const [id, us] of self) {
  const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
  const where = url.replace(/^file:\/\//, "").replace(/.*node_modules\//, "nm:");
  fn.set(`${functionName || "(anon)"} ${where}:${lineNumber}`, (fn.get(`${functionName || "(anon)"} ${where}:${lineNumber}`) ?? 0) + us);
  const p = url.includes("node_modules/") ? url.replace(/.*node_modules\/((@[^/]+\/)?[^/]+).*/, "$1") : url.startsWith("node:") ? "node-internal" : url ? "app" : functionName || "(native)";
  pkg.set(p, (pkg.get(p) ?? 0) + us);
}
const show = (m: Map<string, number>, n: number) => [...m].sort((a, b) => b[1] - a[1]).slice(0, n).map(([k, v]) => `${((v / total) * 100).toFixed(1).padStart(5)}%  ${k}`).join("\n");
console.log(`total ${(total / 1e6).toFixed(2)} s of samples\n-- by package --\n${show(pkg, 15)}\n-- by function --\n${show(fn, Number(topArg ?? 30))}`);
