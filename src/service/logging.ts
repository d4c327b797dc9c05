/**
 * The service's logger: pino with the API key and CPR headers redacted, request URLs stripped of CPR
 * numbers (a client may still put one in a URL by mistake), and a last filter on every written line that
 * masks anything shaped like a CPR number, so a future log call that forgets the rule still leaks nothing.
 */
import { pino, type DestinationStream, type Logger } from 'pino';
import { maskCprsInText, maskCprsInUrlText } from '../privacy/cprInText.js';

/** The paths pino blanks out in every log line (headers carrying keys or CPR numbers, any field named cpr). */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers["x-api-key"]',
  'req.headers.cookie',
  'req.headers["x-civil-registration-identifier"]',
  'headers["x-civil-registration-identifier"]',
  'headers.authorization',
  'headers["x-api-key"]',
  'cpr',
  '*.cpr',
  'body',
  '*.body',
];

interface RequestLike {
  method?: string;
  url?: string;
  id?: string;
  ip?: string;
  routeOptions?: { url?: string };
}

/** Creates the logger; `destination` lets tests capture the output. */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      serializers: {
        // Only these fields of a request are logged: no headers, no body, the URL without CPR numbers.
        req: (req: RequestLike) => ({
          method: req.method,
          url: typeof req.url === 'string' ? maskCprsInUrlText(req.url) : undefined,
          route: req.routeOptions?.url,
          remoteAddress: req.ip,
        }),
        err: pino.stdSerializers.err,
      },
      hooks: { streamWrite: maskCprsInText },
    },
    destination,
  );
}
