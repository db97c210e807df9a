import { runProcess } from "../app/run-process";

// Queue processors only (Procfile: worker); run as many as the load needs.
await runProcess({ web: false, worker: true });
