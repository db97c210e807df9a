import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

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

/** The page's script and styles, bundled from src/local-workspace/page once per process. */
export function pageAssets(): Promise<PageAssets> {
  assets ??= build({
    entryPoints: [join(packageRoot(), "src/local-workspace/page/app.ts")],
    bundle: true,
    write: false,
    outdir: "/page",
    format: "iife",
    platform: "browser",
    target: "chrome110",
    minify: true,
    logLevel: "silent",
  }).then((result) => ({
    js: result.outputFiles.find((f) => f.path.endsWith(".js"))?.text ?? "",
    css: result.outputFiles.find((f) => f.path.endsWith(".css"))?.text ?? "",
  }));
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
