import { closeSync, mkdirSync, openSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { Framework, RequirementResult } from '../compliance.ts';
import { CheckTally, evaluateFramework } from '../compliance.ts';
import type { Finding, ScanSummary } from '../model.ts';
import { toAsff } from './asff.ts';
import { csvHeader, csvRow, findingCsvRow } from './csv.ts';
import { renderHtml } from './html.ts';
import type { ProductInfo } from './ocsf.ts';
import { toOcsf } from './ocsf.ts';

export const OUTPUT_FORMATS = ['csv', 'json-ocsf', 'json-asff', 'html'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

const EXTENSION: Record<OutputFormat, string> = {
  csv: '.csv',
  'json-ocsf': '.ocsf.json',
  'json-asff': '.asff.json',
  html: '.html',
};

/** A file written in chunks with synchronous writes: bounded memory, no unflushed tail on exit. */
class ChunkedFile {
  private fd: number;
  private pending: string[] = [];
  private size = 0;
  readonly path: string;
  constructor(path: string) {
    this.path = path;
    this.fd = openSync(path, 'w');
  }
  write(s: string): void {
    this.pending.push(s);
    this.size += s.length;
    if (this.size > 1 << 20) this.flush();
  }
  flush(): void {
    if (this.pending.length) writeSync(this.fd, this.pending.join(''));
    this.pending = [];
    this.size = 0;
  }
  close(): void {
    this.flush();
    closeSync(this.fd);
  }
}

class JsonArrayFile extends ChunkedFile {
  private first = true;
  constructor(path: string) {
    super(path);
    this.write('[');
  }
  item(value: unknown): void {
    this.write((this.first ? '\n' : ',\n') + JSON.stringify(value));
    this.first = false;
  }
  end(): void {
    this.write(this.first ? ']\n' : '\n]\n');
    this.close();
  }
}

export interface ReportOptions {
  formats: readonly OutputFormat[];
  directory: string;
  filename: string;
  product: ProductInfo;
  /** Frameworks to write a per-framework CSV for (`--compliance`). */
  frameworks?: readonly Framework[];
  /** Region used in ASFF for global resources. */
  homeRegion?: string;
}

export interface ReportResult {
  files: string[];
  compliance: { framework: Framework; results: RequirementResult[] }[];
}

/**
 * Streams findings into every requested report file as they arrive. Only the HTML report
 * keeps findings in memory (it is a single page that needs them all).
 */
export class ReportWriter {
  private readonly csv?: ChunkedFile;
  private readonly ocsf?: JsonArrayFile;
  private readonly asff?: JsonArrayFile;
  private readonly htmlFindings?: Finding[];
  private readonly tally = new CheckTally();
  private readonly opts: ReportOptions;

  constructor(opts: ReportOptions) {
    this.opts = opts;
    mkdirSync(opts.directory, { recursive: true });
    const base = join(opts.directory, opts.filename);
    if (opts.formats.includes('csv')) {
      this.csv = new ChunkedFile(base + EXTENSION.csv);
      this.csv.write(csvHeader());
    }
    if (opts.formats.includes('json-ocsf')) this.ocsf = new JsonArrayFile(base + EXTENSION['json-ocsf']);
    if (opts.formats.includes('json-asff')) this.asff = new JsonArrayFile(base + EXTENSION['json-asff']);
    if (opts.formats.includes('html')) this.htmlFindings = [];
  }

  add(f: Finding): void {
    this.tally.add(f);
    this.csv?.write(findingCsvRow(f));
    this.ocsf?.item(toOcsf(f, this.opts.product));
    this.asff?.item(toAsff(f, this.opts.product, this.opts.homeRegion ?? 'us-east-1'));
    this.htmlFindings?.push(f);
  }

  /** Closes and deletes the files started so far: a failed scan leaves no partial report. */
  abort(): void {
    for (const f of [this.csv, this.ocsf, this.asff]) {
      if (!f) continue;
      try {
        f.close();
      } catch {
        // already closed
      }
      rmSync(f.path, { force: true });
    }
  }

  /** Closes every file and writes the HTML and compliance reports. */
  finish(summary: ScanSummary, generatedAt: string): ReportResult {
    const files: string[] = [];
    const base = join(this.opts.directory, this.opts.filename);
    if (this.csv) {
      this.csv.close();
      files.push(this.csv.path);
    }
    if (this.ocsf) {
      this.ocsf.end();
      files.push(this.ocsf.path);
    }
    if (this.asff) {
      this.asff.end();
      files.push(this.asff.path);
    }
    const compliance = (this.opts.frameworks ?? []).map((framework) => ({
      framework,
      results: evaluateFramework(framework, this.tally),
    }));
    for (const { framework, results } of compliance) {
      const file = new ChunkedFile(`${base}_${framework.id}.csv`);
      file.write(
        csvRow(['framework', 'requirement_id', 'section', 'title', 'assessment', 'status', 'pass', 'fail', 'error', 'manual', 'muted', 'checks']),
      );
      for (const r of results) {
        file.write(
          csvRow([
            framework.id,
            r.requirement.id,
            r.requirement.section,
            r.requirement.title,
            r.requirement.assessment,
            r.status,
            r.counts.PASS,
            r.counts.FAIL,
            r.counts.ERROR,
            r.counts.MANUAL,
            r.muted,
            r.requirement.checks.join(' '),
          ]),
        );
      }
      file.close();
      files.push(file.path);
    }
    if (this.htmlFindings) {
      const file = new ChunkedFile(base + EXTENSION.html);
      file.write(
        renderHtml({
          title: `Vigil report — ${summary.accounts.join(', ')}`,
          product: this.opts.product,
          generatedAt,
          summary,
          findings: this.htmlFindings,
          compliance: compliance.map((c) => ({ framework: c.framework.name, results: c.results })),
        }),
      );
      file.close();
      files.push(file.path);
    }
    return { files, compliance };
  }
}
