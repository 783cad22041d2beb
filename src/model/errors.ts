/** Domain errors, named so the GraphQL boundary can map each to a stable code. */

export type DomainErrorCode = 'NOT_FOUND' | 'BAD_USER_INPUT' | 'LIMIT_EXCEEDED' | 'TIMEOUT' | 'INVALID_DATA';

export abstract class DomainError extends Error {
  abstract readonly code: DomainErrorCode;
  readonly details: Record<string, unknown>;
  constructor(message: string, details: Record<string, unknown> = {}) {
    super(message);
    this.name = new.target.name;
    this.details = details;
  }
}

export class NotFoundError extends DomainError {
  readonly code = 'NOT_FOUND';
}

export class BadInputError extends DomainError {
  readonly code = 'BAD_USER_INPUT';
}

export class LimitExceededError extends DomainError {
  readonly code = 'LIMIT_EXCEEDED';
  constructor(
    readonly limit: string,
    readonly allowed: number,
    message: string,
  ) {
    super(message, { limit, allowed });
  }
}

/** An answer grew past a size limit while it was being built; the whole answer is refused. */
export class AnswerTooLargeError extends LimitExceededError {}

/** A request ran past its time budget and was cut. */
export class TimeoutError extends DomainError {
  readonly code = 'TIMEOUT';
  constructor(readonly allowedMs: number) {
    super(`the request ran longer than ${allowedMs} ms and was stopped`, {
      limit: 'requestTimeoutMs',
      allowed: allowedMs,
    });
  }
}

/** One problem found in graph-data: where it is and why it is wrong. */
export interface DataProblem {
  readonly file: string;
  /** Path inside the file, e.g. `entities[3].evidence[0].quote`. */
  readonly path: string;
  readonly reason: string;
  readonly line?: number;
}

export class DataValidationError extends DomainError {
  readonly code = 'INVALID_DATA';
  constructor(readonly problems: readonly DataProblem[]) {
    super(`graph-data has ${problems.length} problem${problems.length === 1 ? '' : 's'}`);
  }
}

export function formatProblem(p: DataProblem): string {
  const where = p.line ? `${p.file}:${p.line}` : p.file;
  return `${where} ${p.path || '(file)'}: ${p.reason}`;
}
