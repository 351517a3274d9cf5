/** A problem the user can fix (bad option, missing path, ambiguous ref): exit 2, no stack trace. */
export class UserError extends Error {
  constructor(
    message: string,
    readonly hint?: string,
    /** Extra lines shown under the message, e.g. the candidates of an ambiguous ref. */
    readonly details: string[] = [],
  ) {
    super(message);
    this.name = 'UserError';
  }
}
