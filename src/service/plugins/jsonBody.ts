import type { FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { maskCprsInFieldPath } from '../../privacy/cprInText.js';
import { HttpProblem } from '../problem.js';

/** The charset parameter of a Content-Type header, lower-cased; undefined when there is none. */
function charsetOf(contentType: string | undefined): string | undefined {
  const m = /;\s*charset\s*=\s*("?)([^";\s]*)\1/i.exec(contentType ?? '');
  return m?.[2].toLowerCase();
}

/**
 * Where the parsed body holds a key that would reach an object's prototype if copied with
 * `Object.assign` or a merge (`__proto__`, or `constructor` holding `prototype`), as a dotted path.
 */
export function prototypeKeyPath(value: unknown, path: string[] = []): string | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  for (const key of Object.keys(value)) {
    const child = (value as Record<string, unknown>)[key];
    if (key === '__proto__') return [...path, key].join('.');
    if (key === 'constructor' && child !== null && typeof child === 'object' && Object.hasOwn(child, 'prototype')) {
      return [...path, key, 'prototype'].join('.');
    }
    const found = prototypeKeyPath(child, [...path, key]);
    if (found !== undefined) return found;
  }
  return undefined;
}

/**
 * Parses a JSON body. Only UTF-8 is read (RFC 8259 §8.1): a body declared in another charset would be
 * decoded as UTF-8 and stored as mojibake, so it is refused with 415. Keys that reach a prototype are
 * refused naming the key, where Fastify's parser said only "not valid JSON".
 */
export function parseJsonBody(request: FastifyRequest, body: string): unknown {
  const charset = charsetOf(request.headers['content-type']);
  if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') {
    throw new HttpProblem('unsupported-media-type', 'the body must be UTF-8: only charset=utf-8 is accepted');
  }
  if (body.length === 0) throw new HttpProblem('invalid-json', 'the body is empty but content-type is application/json');
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    throw new HttpProblem('invalid-json', 'the body could not be parsed as JSON');
  }
  // The walk runs only when the text could hold such a key, as in secure-json-parse.
  if (body.includes('__proto__') || body.includes('constructor')) {
    const path = prototypeKeyPath(value);
    if (path !== undefined) {
      const field = maskCprsInFieldPath(path);
      throw new HttpProblem('validation-error', `invalid body: ${field} is a key this API refuses`, {
        errors: [{ field, reason: 'is a forbidden key: it would set an object prototype' }],
      });
    }
  }
  return value;
}

/** Replaces Fastify's JSON body parser with {@link parseJsonBody}. */
export const jsonBodyPlugin = fp(
  async (app) => {
    app.removeContentTypeParser('application/json');
    app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
      try {
        done(null, parseJsonBody(request, body as string));
      } catch (err) {
        done(err as Error, undefined);
      }
    });
  },
  { name: 'json-body' },
);
