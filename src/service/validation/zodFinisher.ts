/**
 * What zod does to a value after JSON Schema has accepted its structure: objects rebuilt with their
 * keys in the schema's order (unknown keys of a stripping object dropped), defaults filled in, and
 * every zod check run (refine, superRefine, and the simple ones too, so that a corner where JSON Schema
 * and zod disagree — string lengths in code points or code units, unsafe integers — is decided by zod).
 * A finisher is built from the zod schema once; schemas it cannot mirror exactly (transforms, pipes,
 * unions, loose objects …) get none, and their routes keep zod alone.
 *
 * It relies on zod 4's internal definitions (`_zod.def`), which are stable within a major version; the
 * equivalence test in test/service/validation runs it against zod itself on thousands of inputs.
 */
import type { z } from 'zod';

/** An issue some zod check raised; its content does not matter here, only that there is one. */
type Issues = unknown[];

/** Turns a structurally valid value into zod's output, pushing to `issues` whatever a check refuses. */
export type Finisher = (value: unknown, issues: Issues) => unknown;

interface ZodCheckLike {
  _zod: { def: { check: string; when?: (payload: unknown) => boolean }; check(payload: unknown): unknown };
}

interface ZodDefLike {
  type: string;
  checks?: ZodCheckLike[];
  shape?: Record<string, z.ZodType>;
  catchall?: z.ZodType;
  element?: z.ZodType;
  innerType?: z.ZodType;
  coerce?: boolean;
  readonly defaultValue?: unknown;
}

const defOf = (schema: z.ZodType): ZodDefLike => (schema as unknown as { _zod: { def: ZodDefLike } })._zod.def;

/** Checks that only annotate (descriptions, metadata) and do nothing at parse time. */
const NO_OP_CHECKS = new Set(['describe', 'meta']);

/** Raised while building when the schema holds something a finisher cannot mirror. */
class Unsupported extends Error {}

/**
 * Builds the finisher as generated code: one small function per schema node, called by name, so every
 * call site sees one function (closures chosen at run time cost more than the validation itself).
 * The generated code refers to zod's check functions and default getters only through `C` and `D`.
 */
class Generator {
  readonly functions: string[] = [];
  readonly checks: ((payload: unknown) => unknown)[] = [];
  readonly whens: (((payload: unknown) => boolean) | undefined)[] = [];
  readonly defaults: (() => unknown)[] = [];

  /** The name of the generated function finishing `schema`. */
  node(schema: z.ZodType): string {
    const def = defOf(schema);
    const checks = (def.checks ?? []).filter((c) => !NO_OP_CHECKS.has(c._zod.def.check));
    // z.coerce converts before it checks; JSON Schema would refuse what zod converts, so zod keeps those.
    if (def.coerce === true) throw new Unsupported('coerce');
    const name = `f${this.functions.length}`;
    this.functions.push('');
    let body: string;
    switch (def.type) {
      case 'string':
      case 'number':
      case 'boolean':
      case 'enum':
      case 'literal':
      case 'null':
        body = 'let o = v;';
        break;
      case 'optional':
        body = `let o = v === undefined ? undefined : ${this.node(def.innerType!)}(v);`;
        break;
      case 'nullable':
        body = `let o = v === null ? null : ${this.node(def.innerType!)}(v);`;
        break;
      case 'default': {
        const inner = this.node(def.innerType!);
        // `defaultValue` is read each time: zod's getter hands out a fresh copy of an array or object.
        const d = this.defaults.push(() => def.defaultValue) - 1;
        body = `let o = v === undefined ? undefined : ${inner}(v); if (o === undefined) o = D[${d}]();`;
        break;
      }
      case 'array': {
        const element = this.node(def.element!);
        body = `const n = v.length; let o = new Array(n); for (let i = 0; i < n; i++) o[i] = ${element}(v[i]);`;
        break;
      }
      case 'object': {
        // Strict (catchall never) and stripping (no catchall) objects only: a loose object keeps unknown keys.
        if (def.catchall !== undefined && defOf(def.catchall).type !== 'never') throw new Unsupported('catchall');
        const lines = ['let o = {}; let x;'];
        for (const [key, child] of Object.entries(def.shape!)) {
          const k = JSON.stringify(key);
          // As zod: an absent optional key stays absent, a default fills it in.
          lines.push(`x = ${this.node(child)}(v[${k}]); if (x !== undefined) o[${k}] = x; else if (${k} in v) o[${k}] = undefined;`);
        }
        body = lines.join('\n  ');
        break;
      }
      default:
        throw new Unsupported(def.type);
    }
    const checkLines = checks.map((check) => {
      const i = this.checks.push(check._zod.check) - 1;
      this.whens.push(check._zod.def.when);
      // zod's own check objects on zod's own payload shape: the same code decides as in zod. An async
      // refinement cannot be answered synchronously: it counts as an issue, and zod itself refuses it.
      const run = `if (C[${i}](p) instanceof Promise) I.push('async');`;
      return check._zod.def.when === undefined
        ? `{ const p = { value: o, issues: I }; ${run} }`
        : `{ const p = { value: o, issues: I }; if (W[${i}](p)) ${run} }`;
    });
    // A node's own checks run after its children, and only when nothing failed so far (as in zod).
    const checking = checkLines.length === 0 ? '' : `\n  if (I.length === 0) {\n    ${checkLines.join('\n    ')}\n  }`;
    this.functions[Number(name.slice(1))] = `function ${name}(v) {\n  ${body}${checking}\n  return o;\n}`;
    return name;
  }
}

function build(schema: z.ZodType): Finisher {
  const g = new Generator();
  const root = g.node(schema);
  const source = `let I;\n${g.functions.join('\n')}\nreturn (v, issues) => { I = issues; try { return ${root}(v); } finally { I = undefined; } };`;
  return new Function('C', 'W', 'D', source)(g.checks, g.whens, g.defaults) as Finisher;
}

/** The finisher of a zod schema, or undefined when the schema holds something it cannot mirror. */
export function zodFinisher(schema: z.ZodType): Finisher | undefined {
  try {
    return build(schema);
  } catch (err) {
    if (err instanceof Unsupported) return undefined;
    throw err;
  }
}
