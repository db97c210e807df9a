#!/usr/bin/env node
// The command-line entry (`npx refund-desk`). Where tsx is installed (a development install) it runs
// the TypeScript source, so an edit needs no build; a production install runs what `npm run build`
// bundled into dist/.
let register;
try {
  ({ register } = await import("tsx/esm/api"));
} catch {
  register = undefined;
}
if (register) {
  register();
  await import("../src/entry/cli.ts");
} else {
  await import("../dist/entry/cli.js");
}
