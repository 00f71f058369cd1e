// `npm start`: the production entry, bundled to build/hearth.js and run with plain node.
import { failedToStart, runHearth } from "./run.ts";

runHearth().catch(failedToStart);
