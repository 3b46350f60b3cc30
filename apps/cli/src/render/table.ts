/** A plain-text table with aligned columns (numbers right-aligned). */
export function table(headers: string[], rows: (string | number)[][]): string {
  const cells = [headers, ...rows.map((r) => r.map(String))];
  const widths = headers.map((_, i) => Math.max(...cells.map((r) => visibleLength(r[i] ?? ''))));
  const line = (r: string[], isHeader = false) =>
    r
      .map((c, i) => {
        const pad = (widths[i] ?? 0) - visibleLength(c);
        const numeric = !isHeader && i > 0 && /^[\d.,%-]+$/.test(stripAnsi(c));
        return numeric ? ' '.repeat(pad) + c : c + ' '.repeat(pad);
      })
      .join('  ')
      .trimEnd();
  const sep = widths.map((w) => '─'.repeat(w)).join('  ');
  return [line(headers, true), sep, ...cells.slice(1).map((r) => line(r))].join('\n') + '\n';
}

export function stripAnsi(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/\u001b\[[0-9;]*m/g, '');
}

function visibleLength(s: string): number {
  return stripAnsi(s).length;
}
