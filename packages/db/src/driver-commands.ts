import { CompiledQuery } from 'kysely';
import type { QueryExecutorProvider } from 'kysely';

/**
 * Commands that Kysely cannot express but that must run on the connection of the
 * current transaction: a multi-statement script and `COPY … FROM STDIN`. They travel
 * through Kysely as the single parameter of a raw query, and the connection wrappers
 * of both engines (see `database.ts`) recognise them before anything reaches the
 * server. Kysely hands parameters to the driver untouched.
 */
export class ScriptCommand {
  readonly kind = 'script';
}

/** Rows to stream into `COPY <table> (<columns>) FROM STDIN` in text format. */
export class CopyFromCommand {
  readonly kind = 'copy';
  readonly rows: Iterable<readonly unknown[]>;

  constructor(rows: Iterable<readonly unknown[]>) {
    this.rows = rows;
  }
}

export type DriverCommand = ScriptCommand | CopyFromCommand;

/** The command carried by a query's parameters, if any. */
export function driverCommand(parameters: ReadonlyArray<unknown> | undefined): DriverCommand | undefined {
  const first = parameters?.length === 1 ? parameters[0] : undefined;
  return first instanceof ScriptCommand || first instanceof CopyFromCommand ? first : undefined;
}

/** Runs a multi-statement SQL script (simple query protocol) on the executor's connection. */
export async function runScript(executor: QueryExecutorProvider, script: string): Promise<void> {
  await executor.getExecutor().executeQuery(CompiledQuery.raw(script, [new ScriptCommand()]));
}

/** Encodes one value for COPY's text format (`\N` is NULL; backslash escapes). */
export function copyText(value: unknown): string {
  if (value === null || value === undefined) return '\\N';
  let s: string;
  if (value instanceof Date) s = value.toISOString();
  else if (typeof value === 'string') s = value;
  else if (typeof value === 'number' || typeof value === 'bigint') s = String(value);
  else if (typeof value === 'boolean') s = value ? 't' : 'f';
  else s = JSON.stringify(value);
  return s.replace(/[\\\n\r\t]/g, (c) => (c === '\\' ? '\\\\' : c === '\n' ? '\\n' : c === '\r' ? '\\r' : '\\t'));
}
