import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import { PROBLEM_CONTENT_TYPE, problemTypeUri, type Problem } from '../problem.js';

/** The status Node's HTTP parser error stands for: 431 for oversized headers, 408 for a timeout, else 400. */
function statusOf(code: string | undefined): number {
  if (code === 'HPE_HEADER_OVERFLOW') return 431;
  if (code === 'ERR_HTTP_REQUEST_TIMEOUT') return 408;
  return 400;
}

const DETAILS: Record<number, string> = {
  431: 'the request headers are larger than the server accepts',
  408: 'the request did not arrive in time',
  400: 'the request could not be parsed as HTTP',
};

/**
 * For Fastify's `clientErrorHandler` option: Node's HTTP parser refused the bytes (headers too large,
 * malformed request line …) before Fastify has a request, so the answer is written to the socket by
 * hand, on the same contract as every other error: problem+json, the security headers, no caching, and
 * `Connection: close`, since after a parser error the connection's framing can no longer be trusted.
 */
export function clientErrorHandler(
  securityHeaders: Record<string, string>,
  requestId: () => string,
): (error: Error & { code?: string; rawPacket?: unknown }, socket: Socket) => void {
  return (error, socket) => {
    // A reset connection has nobody to answer.
    if (error.code === 'ECONNRESET' || socket.destroyed) return;
    const status = statusOf(error.code);
    const problem: Problem = {
      type: problemTypeUri('http'),
      title: STATUS_CODES[status] ?? 'Error',
      status,
      detail: DETAILS[status],
      // The request line could not be read, so there is no path to name.
      instance: '',
      requestId: requestId(),
    };
    const body = JSON.stringify(problem);
    const headers: Record<string, string> = {
      ...securityHeaders,
      'content-type': PROBLEM_CONTENT_TYPE,
      'content-length': String(Buffer.byteLength(body)),
      'cache-control': 'no-store',
      connection: 'close',
    };
    const headerLines = Object.entries(headers)
      .map(([name, value]) => `${name}: ${value}\r\n`)
      .join('');
    if (!socket.writable) {
      socket.destroy();
      return;
    }
    // An answer to HEAD has no body (RFC 9110 §9.3.2); the method is known when the packet starts with it.
    const isHead = Buffer.isBuffer(error.rawPacket) && error.rawPacket.subarray(0, 5).toString('latin1') === 'HEAD ';
    socket.write(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n${headerLines}\r\n${isHead ? '' : body}`, () => socket.destroy());
  };
}
