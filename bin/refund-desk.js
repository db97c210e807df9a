#!/usr/bin/env node
// The command-line entry (`npx refund-desk`). The source is TypeScript run through tsx, so a fresh
// clone needs no build step.
import { register } from "tsx/esm/api";

register();
await import("../src/cli/main.ts");
