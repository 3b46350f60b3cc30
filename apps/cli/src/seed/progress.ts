import cliProgress from 'cli-progress';
import type { Io } from '../io.ts';

/** What one phase did, for the summary. */
export interface PhaseResult {
  name: string;
  count: number;
  ms: number;
}

/** Progress of one phase: add what was stored, then finish. */
export interface Phase {
  add(n: number): void;
  finish(): PhaseResult;
}

/** How often the plain (non-interactive) output prints a line per phase. */
const PLAIN_INTERVAL_MS = 2_000;

const fmt = (n: number) => n.toLocaleString('en-US');
const rate = (count: number, ms: number) => (ms > 0 ? Math.round((count * 1000) / ms) : count);

/**
 * Progress of the seeder, phase after phase: one live bar per phase on an interactive
 * terminal (the bars of finished phases stay), otherwise a line when a phase starts,
 * at most one every two seconds while it runs, and one when it ends.
 */
export class SeedProgress {
  private multi?: cliProgress.MultiBar;
  private readonly io: Io;
  private readonly clock: () => number;

  constructor(io: Io, clock: () => number = () => performance.now()) {
    this.io = io;
    this.clock = clock;
    if (io.interactive) {
      this.multi = new cliProgress.MultiBar(
        {
          format: '{phase} {bar} {percentage}% · {value}/{total} · {rate}/s · {elapsed}s',
          barsize: 24,
          barCompleteChar: '█',
          barIncompleteChar: '░',
          hideCursor: true,
          clearOnComplete: false,
          stopOnComplete: false,
          formatValue: (v, _o, type) => (type === 'value' || type === 'total' ? fmt(v) : String(v)),
          stream: process.stderr,
        },
        cliProgress.Presets.shades_classic,
      );
    }
  }

  phase(name: string, total: number): Phase {
    const start = this.clock();
    const label = name.padEnd(9);
    let done = 0;
    let printedAt = start;
    const payload = () => {
      const ms = this.clock() - start;
      return { phase: label, rate: fmt(rate(done, ms)), elapsed: (ms / 1000).toFixed(0) };
    };
    const bar = this.multi?.create(Math.max(total, 1), 0, payload());
    if (!bar) this.io.err(`${label} 0/${fmt(total)}\n`);
    return {
      add: (n) => {
        done += n;
        if (bar) {
          bar.update(done, payload());
          return;
        }
        const now = this.clock();
        if (now - printedAt >= PLAIN_INTERVAL_MS && done < total) {
          printedAt = now;
          this.io.err(`${label} ${fmt(done)}/${fmt(total)} (${Math.floor((done * 100) / Math.max(total, 1))}%) · ${fmt(rate(done, now - start))}/s\n`);
        }
      },
      finish: () => {
        const ms = this.clock() - start;
        if (bar) {
          bar.setTotal(Math.max(done, 1));
          bar.update(done, payload());
        } else {
          this.io.err(`${label} done: ${fmt(done)} in ${(ms / 1000).toFixed(1)} s (${fmt(rate(done, ms))}/s)\n`);
        }
        return { name, count: done, ms };
      },
    };
  }

  /** Stops the live bars (idempotent); the bars stay on the terminal. */
  stop(): void {
    this.multi?.stop();
    this.multi = undefined;
  }
}

export { fmt as formatCount, rate as perSecond };
