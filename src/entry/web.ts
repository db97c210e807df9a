import { runProcess } from "../app/run-process";

// Slack and HTTP only (Procfile: web).
await runProcess({ web: true, worker: false });
