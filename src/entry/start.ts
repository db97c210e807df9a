import { startSingleProcess } from "../app/start-single-process";

// `npm start`: one process for a single machine. Pending migrations are applied first, so a fresh
// clone runs after `npm install` with nothing else to remember; with no Slack app configured, it
// runs against the local workspace.
await startSingleProcess({ migrate: true });
