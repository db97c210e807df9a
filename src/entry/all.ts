import { runProcess } from "../app/run-process";

// Web and worker in one process: the single-machine setup that `npm start` runs.
await runProcess({ web: true, worker: true });
