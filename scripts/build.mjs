// `npm run build` (also run by `npm install`): bundles what the start scripts, the CLI and
// `npm run db:migrate` run into dist/, and the local workspace's page into dist/page/, so that a
// production install (`npm ci --omit=dev`) runs without esbuild or tsx.
import { existsSync } from "node:fs";

let esbuild;
try {
  esbuild = await import("esbuild");
} catch {
  // A production install after a build (the build step installed everything, then pruned): keep that build.
  if (existsSync("dist/entry/web.js") && existsSync("dist/page/app.js")) {
    process.stderr.write("esbuild is not installed (a production install): running the dist/ built before\n");
    process.exit(0);
  }
  process.stderr.write("Cannot build dist/: esbuild is not installed. Build with the development dependencies (npm ci), then prune them.\n");
  process.exit(1);
}
const { build } = esbuild;

const node = {
  bundle: true,
  platform: "node",
  format: "esm",
  packages: "external",
  target: "node20",
  sourcemap: true,
  logLevel: "warning",
};

await Promise.all([
  build({
    ...node,
    entryPoints: ["src/entry/start.ts", "src/entry/all.ts", "src/entry/web.ts", "src/entry/worker.ts", "src/entry/demo.ts", "src/entry/cli.ts", "src/db/ensure-database-cli.ts"],
    outbase: "src",
    outdir: "dist",
  }),
  build({
    entryPoints: ["src/local-workspace/page/app.ts"],
    bundle: true,
    outdir: "dist/page",
    format: "iife",
    platform: "browser",
    target: "chrome110",
    minify: true,
    logLevel: "warning",
  }),
]);
