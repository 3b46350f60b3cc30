import type { ScanStats } from '@vigil/engine';
import cliProgress from 'cli-progress';
import type { Io } from '../io.ts';

/** Live progress on an interactive terminal: units done / total, API calls, throttles, elapsed. */
export class Progress {
  private bar?: cliProgress.SingleBar;

  constructor(io: Io, enabled: boolean) {
    if (!enabled || !io.interactive) return;
    this.bar = new cliProgress.SingleBar(
      {
        format: 'Scanning {bar} {value}/{total} units{accounts} · {calls} API calls · {throttles} throttled · {elapsed}s',
        barCompleteChar: '█',
        barIncompleteChar: '░',
        hideCursor: true,
        clearOnComplete: true,
        stream: process.stderr,
      },
      cliProgress.Presets.shades_classic,
    );
  }

  /** `accounts`: accounts whose every unit is done, for scans of several accounts. */
  update(s: ScanStats, accounts?: { done: number; total: number }): void {
    if (!this.bar) return;
    const payload = {
      accounts: accounts ? ` · ${accounts.done}/${accounts.total} accounts` : '',
      calls: s.apiCalls,
      throttles: s.throttles,
      elapsed: ((Date.now() - s.startedAt) / 1000).toFixed(0),
    };
    if (!this.started) {
      this.bar.start(Math.max(1, s.unitsTotal), s.unitsDone, payload);
      this.started = true;
    } else {
      this.bar.setTotal(Math.max(1, s.unitsTotal));
      this.bar.update(s.unitsDone, payload);
    }
  }

  private started = false;

  stop(): void {
    if (this.started) this.bar?.stop();
  }
}
