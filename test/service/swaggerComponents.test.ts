import { describe, expect, it } from 'vitest';
import { withSchemasOnce } from '../../src/service/plugins/swaggerComponents.js';

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const body = (name: string) => ({ requestBody: { content: { 'application/json': { schema: ref(name) } } } });
const answer = (name: string) => ({ responses: { 200: { description: 'ok', content: { 'application/json': { schema: ref(name) } } } } });

describe('withSchemasOnce', () => {
  it('merges an input twin equal to its schema, also through references, and points every $ref at the one left', () => {
    const doc = {
      paths: { '/a': { post: { ...body('AInput'), ...answer('A') } } },
      components: {
        securitySchemes: { key: { type: 'apiKey' } },
        schemas: {
          A: { type: 'object', properties: { b: ref('B') } },
          AInput: { type: 'object', properties: { b: ref('BInput') } },
          B: { type: 'string' },
          BInput: { type: 'string' },
        },
      },
    };
    const out = withSchemasOnce(doc);
    expect(out.components.schemas).toEqual({ A: { type: 'object', properties: { b: ref('B') } }, B: { type: 'string' } });
    expect(out.paths['/a'].post.requestBody.content['application/json'].schema).toEqual(ref('A'));
    expect(out.components.securitySchemes).toEqual({ key: { type: 'apiKey' } });
    // The input is not changed in place.
    expect(Object.keys(doc.components.schemas)).toEqual(['A', 'AInput', 'B', 'BInput']);
  });

  it('keeps an input twin that differs, and with it the input twins it refers to', () => {
    const out = withSchemasOnce({
      paths: { '/q': { post: { ...body('QInput'), ...answer('Q') } } },
      components: {
        schemas: {
          Q: { type: 'object', required: ['x'], properties: { x: ref('X') } },
          QInput: { type: 'object', properties: { x: ref('XInput') } },
          X: { type: 'number' },
          XInput: { type: 'number' },
        },
      },
    });
    expect(Object.keys(out.components.schemas)).toEqual(['Q', 'QInput', 'X']);
    expect(out.components.schemas.QInput).toEqual({ type: 'object', properties: { x: ref('X') } });
  });

  it('drops schemas no operation reaches and gives an input-only schema the plain name', () => {
    const out = withSchemasOnce({
      paths: { '/c': { post: { ...body('CInput'), responses: { 204: { description: 'done' } } } } },
      components: {
        schemas: {
          C: { type: 'object', required: ['n'], properties: { n: { type: 'number' } } },
          CInput: { type: 'object', properties: { n: { type: 'number', default: 1 } } },
          Unused: { type: 'string' },
          UnusedInput: { type: 'string' },
        },
      },
    });
    expect(out.components.schemas).toEqual({ C: { type: 'object', properties: { n: { type: 'number', default: 1 } } } });
    expect(out.paths['/c'].post.requestBody.content['application/json'].schema).toEqual(ref('C'));
  });

  it('settles schemas that refer to each other', () => {
    const out = withSchemasOnce({
      paths: { '/t': { post: { ...body('TreeInput'), ...answer('Tree') } } },
      components: {
        schemas: {
          Tree: { type: 'object', properties: { children: { type: 'array', items: ref('Tree') } } },
          TreeInput: { type: 'object', properties: { children: { type: 'array', items: ref('TreeInput') } } },
        },
      },
    });
    expect(Object.keys(out.components.schemas)).toEqual(['Tree']);
  });
});
