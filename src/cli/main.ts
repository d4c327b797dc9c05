// Entry point of the `ledighedsprofil` command; the command tree lives in program.ts so tests can run it in-process.
import { main } from './program.js';

process.exitCode = await main(process.argv.slice(2));
