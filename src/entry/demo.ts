import { startSingleProcess } from "../app/start-single-process";
import { playScriptedDay } from "../app/play-scripted-day";

// `npm run demo`: the local workspace, asked for by name. `npm run demo -- --script` plays a
// scripted day against it, prints the channels as text and exits (0 when the day went as written).
const script = process.argv.includes("--script");
if (script) process.exit(await playScriptedDay());
await startSingleProcess({ migrate: true, localWorkspace: true });
