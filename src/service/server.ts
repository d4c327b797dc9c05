// Entry point of `npm start`: starts the service from the environment; the app itself is built in app.ts.
import { ConfigError } from './config.js';
import { startService } from './start.js';

try {
  await startService();
} catch (err) {
  // A configuration or model problem is the operator's to fix: one clear line, no stack trace.
  process.stderr.write(`ledighedsprofil: cannot start: ${err instanceof Error ? err.message : String(err)}\n`);
  if (!(err instanceof ConfigError) && process.env.LEDIGHEDSPROFIL_DEBUG === '1' && err instanceof Error)
    process.stderr.write(`${err.stack}\n`);
  process.exitCode = 1;
}
