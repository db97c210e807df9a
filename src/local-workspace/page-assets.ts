import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

export interface PageAssets {
  js: string;
  css: string;
}

/** The folder with package.json above this module, whether it runs from src/ or bundled in dist/. */
function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, "package.json"))) {
    const up = dirname(dir);
    if (up === dir) throw new Error("the local workspace's page sources were not found (no package.json above this module)");
    dir = up;
  }
  return dir;
}

let assets: Promise<PageAssets> | undefined;

/** Run from dist/: the page `npm run build` bundled into dist/page (esbuild is a build tool, absent from a production install). */
async function builtAssets(): Promise<PageAssets> {
  const dir = join(packageRoot(), "dist/page");
  const [js, css] = await Promise.all([readFile(join(dir, "app.js"), "utf8"), readFile(join(dir, "app.css"), "utf8")]);
  return { js, css };
}

/** Run from src/ (tsx, tests): the page bundled from its sources now, so an edit shows without a build. */
async function freshAssets(): Promise<PageAssets> {
  const { build } = await import("esbuild");
  const result = await build({
    entryPoints: [join(packageRoot(), "src/local-workspace/page/app.ts")],
    bundle: true,
    write: false,
    outdir: "/page",
    format: "iife",
    platform: "browser",
    target: "chrome110",
    minify: true,
    logLevel: "silent",
  });
  return {
    js: result.outputFiles.find((f) => f.path.endsWith(".js"))?.text ?? "",
    css: result.outputFiles.find((f) => f.path.endsWith(".css"))?.text ?? "",
  };
}

/** The page's script and styles, once per process. */
export function pageAssets(): Promise<PageAssets> {
  const bundled = relative(packageRoot(), fileURLToPath(import.meta.url)).startsWith("dist");
  assets ??= bundled ? builtAssets() : freshAssets();
  return assets;
}

export const PAGE_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Refund Desk · local workspace</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="workspace/app.css">
</head>
<body>
<div id="app"><p class="loading">Loading the workspace…</p></div>
<script src="workspace/app.js"></script>
</body>
</html>
`;
