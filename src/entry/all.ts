import { startSingleProcess } from "../app/start-single-process";

// Web and worker in one process (`npm start` without migrations), with Slack or the local workspace.
await startSingleProcess({ migrate: false });
