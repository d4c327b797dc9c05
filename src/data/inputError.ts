/** Where in an input file a problem was found; line and column are 1-based, as editors count. */
export interface InputLocation {
  file: string;
  line?: number;
  column?: number;
  field?: string;
}

/**
 * A problem with data or configuration supplied by the user. The CLI prints it as
 * `file:line:column: field: reason` and exits with code 3; it never carries a stack trace to the user.
 */
export class InputError extends Error {
  readonly location: InputLocation;
  readonly reason: string;

  constructor(location: InputLocation, reason: string) {
    super(formatLocation(location) + reason);
    this.name = 'InputError';
    this.location = location;
    this.reason = reason;
  }
}

/** Several input problems found in one pass, reported together so the user can fix them at once. */
export class InputErrors extends Error {
  readonly errors: InputError[];
  readonly total: number;

  constructor(errors: InputError[], total = errors.length) {
    super(
      `${total} invalid ${total === 1 ? 'row' : 'rows'}:\n` +
        errors.map((e) => '  ' + e.message).join('\n') +
        (total > errors.length ? `\n  … and ${total - errors.length} more` : ''),
    );
    this.name = 'InputErrors';
    this.errors = errors;
    this.total = total;
  }
}

/** Renders `file:line:column: field: ` the way compilers do, omitting the parts that are unknown. */
export function formatLocation(loc: InputLocation): string {
  let s = loc.file;
  if (loc.line !== undefined) s += `:${loc.line}`;
  if (loc.line !== undefined && loc.column !== undefined) s += `:${loc.column}`;
  s += ': ';
  if (loc.field) s += `${loc.field}: `;
  return s;
}
