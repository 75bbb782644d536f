/**
 * The one error vocabulary of the BFF. Every route answers failures with
 * `{ "error": { "code", "message", "details"? } }` and the status mapped here.
 */

export const ERROR_STATUS = {
  INVALID_INPUT: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  UPSTREAM_ERROR: 502,
  UPSTREAM_BAD_QUERY: 422,
  UPSTREAM_TOO_LARGE: 422,
  UPSTREAM_UNAVAILABLE: 503,
  UPSTREAM_TIMEOUT: 504,
  INTERNAL: 500,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export interface ErrorBody {
  error: { code: ErrorCode; message: string; details?: unknown };
}

/**
 * Marks every AppError, whichever copy of this module made it. Next bundles server code per layer
 * (route handlers, server rendering): a process-wide client created by a page and used by a route
 * throws the page layer's AppError, which a plain `instanceof` in the route's copy would not see
 * (an unknown trace answered 500 instead of 404). Symbol.for is shared by every copy.
 */
const APP_ERROR = Symbol.for('sightline.AppError');

/** An error that knows its code, its HTTP status and a message safe to show a user. */
export class AppError extends Error {
  override name = 'AppError';
  readonly code: ErrorCode;
  readonly details?: unknown;
  readonly [APP_ERROR] = true;

  /** `x instanceof AppError` holds for an AppError of any bundled copy of this class. */
  static override [Symbol.hasInstance](value: unknown): boolean {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[APP_ERROR] === true;
  }

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown; details?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.details = options?.details;
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }

  toBody(): ErrorBody {
    return { error: { code: this.code, message: this.message, ...(this.details === undefined ? {} : { details: this.details }) } };
  }
}

/** Builds the NOT_FOUND error for a named kind of thing. */
export const notFound = (what: string, id: string) => new AppError('NOT_FOUND', `${what} "${id}" was not found`);

/** Narrows an unknown JSON body to the error body shape (for clients of the BFF). */
export function isErrorBody(value: unknown): value is ErrorBody {
  if (typeof value !== 'object' || value === null || !('error' in value)) return false;
  const e = (value as { error: unknown }).error;
  return typeof e === 'object' && e !== null && 'code' in e && 'message' in e;
}
