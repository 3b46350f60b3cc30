/** Where a command writes: the process streams in production, buffers in tests. */
export interface Io {
  out(text: string): void;
  err(text: string): void;
  /** True when stderr is an interactive terminal (live progress, colours). */
  interactive: boolean;
  color: boolean;
}

export function processIo(): Io {
  const interactive = Boolean(process.stderr.isTTY) && !process.env.CI;
  return {
    out: (t) => process.stdout.write(t),
    err: (t) => process.stderr.write(t),
    interactive,
    color: Boolean(process.stdout.isTTY) && !process.env.NO_COLOR,
  };
}

export function bufferIo(): Io & { stdout: () => string; stderr: () => string } {
  let o = '';
  let e = '';
  return {
    out: (t) => void (o += t),
    err: (t) => void (e += t),
    interactive: false,
    color: false,
    stdout: () => o,
    stderr: () => e,
  };
}
