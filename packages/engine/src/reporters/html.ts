import type { Finding, ScanSummary, Severity, Status } from '../model.ts';
import { SEVERITIES } from '../model.ts';
import type { RequirementResult } from '../compliance.ts';

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

const SEV_COLOR: Record<Severity, string> = {
  critical: '#7b1fa2',
  high: '#d32f2f',
  medium: '#f57c00',
  low: '#fbc02d',
  informational: '#0288d1',
};
const STATUS_COLOR: Record<Status, string> = { PASS: '#2e7d32', FAIL: '#c62828', MANUAL: '#6d6d6d', ERROR: '#ef6c00' };

function barChart(title: string, rows: { label: string; value: number; color: string }[]): string {
  const max = Math.max(1, ...rows.map((r) => r.value));
  const h = 22;
  const width = 460;
  const labelW = 150;
  const bars = rows
    .map((r, i) => {
      const w = Math.round(((width - labelW - 50) * r.value) / max);
      const y = i * h + 4;
      return (
        `<text x="${labelW - 6}" y="${y + 14}" text-anchor="end">${escapeHtml(r.label)}</text>` +
        `<rect x="${labelW}" y="${y}" width="${w}" height="${h - 6}" fill="${r.color}" rx="2"></rect>` +
        `<text x="${labelW + w + 6}" y="${y + 14}">${r.value}</text>`
      );
    })
    .join('');
  return `<figure><figcaption>${escapeHtml(title)}</figcaption><svg role="img" aria-label="${escapeHtml(title)}" width="${width}" height="${rows.length * h + 8}" font-size="12">${bars}</svg></figure>`;
}

export interface HtmlReportInput {
  title: string;
  product: { name: string; version: string };
  generatedAt: string;
  summary: ScanSummary;
  findings: readonly Finding[];
  compliance?: { framework: string; results: RequirementResult[] }[];
}

/** One self-contained HTML page: totals, charts, a filterable findings table with remediation. */
export function renderHtml(input: HtmlReportInput): string {
  const { findings, summary } = input;
  const failing = findings.filter((f) => f.status === 'FAIL' && !f.muted);
  const bySeverity = SEVERITIES.map((s) => ({
    label: s,
    value: failing.filter((f) => f.severity === s).length,
    color: SEV_COLOR[s],
  }));
  const services = new Map<string, number>();
  for (const f of failing) services.set(f.check.service, (services.get(f.check.service) ?? 0) + 1);
  const byService = [...services.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 15)
    .map(([label, value]) => ({ label, value, color: '#c62828' }));
  const total = findings.length;
  const passRate = total ? Math.round((100 * summary.byStatus.PASS) / Math.max(1, total - summary.byStatus.MANUAL)) : 0;
  const sevRank = (s: Severity) => SEVERITIES.indexOf(s);
  const statusRank: Record<Status, number> = { FAIL: 0, ERROR: 1, MANUAL: 2, PASS: 3 };
  const sorted = [...findings].sort(
    (a, b) => statusRank[a.status] - statusRank[b.status] || sevRank(a.severity) - sevRank(b.severity) || a.checkId.localeCompare(b.checkId),
  );
  const rows = sorted
    .map((f) => {
      const r = f.check.remediation;
      const snippets = [
        r.cli ? `<p><b>CLI</b></p><pre>${escapeHtml(r.cli)}</pre>` : '',
        r.terraform ? `<p><b>Terraform</b></p><pre>${escapeHtml(r.terraform)}</pre>` : '',
        r.cloudformation ? `<p><b>CloudFormation</b></p><pre>${escapeHtml(r.cloudformation)}</pre>` : '',
        r.console ? `<p><b>Console</b>: ${escapeHtml(r.console)}</p>` : '',
        r.url ? `<p><a href="${escapeHtml(r.url)}" rel="noreferrer">Documentation</a></p>` : '',
      ].join('');
      return (
        `<tr data-status="${f.status}" data-severity="${f.severity}" data-service="${escapeHtml(f.check.service)}" data-muted="${f.muted}">` +
        `<td><span class="st" style="background:${STATUS_COLOR[f.status]}">${f.status}</span>${f.muted ? ' <span class="muted" title="' + escapeHtml(f.muteReason ?? '') + '">muted</span>' : ''}</td>` +
        `<td><span class="sev" style="color:${SEV_COLOR[f.severity]}">${f.severity}</span></td>` +
        `<td>${escapeHtml(f.check.service)}</td><td>${escapeHtml(f.region)}</td>` +
        `<td><details><summary><code>${escapeHtml(f.checkId)}</code> ${escapeHtml(f.check.title)}</summary>` +
        `<p>${escapeHtml(f.check.description)}</p><p><b>Risk</b>: ${escapeHtml(f.check.risk)}</p>` +
        `<p><b>Fix</b>: ${escapeHtml(r.recommendation)}</p>${snippets}</details></td>` +
        `<td class="res">${escapeHtml(f.resource.name)}<br><small>${escapeHtml(f.resource.id)}</small></td>` +
        `<td>${escapeHtml(f.message)}</td></tr>`
      );
    })
    .join('\n');
  const serviceOptions = [...new Set(findings.map((f) => f.check.service))]
    .sort()
    .map((s) => `<option>${escapeHtml(s)}</option>`)
    .join('');
  const complianceHtml = (input.compliance ?? [])
    .map(
      ({ framework, results }) =>
        `<h2>Compliance: ${escapeHtml(framework)}</h2><table class="cmp"><thead><tr><th>Requirement</th><th>Status</th><th>Title</th><th>PASS</th><th>FAIL</th><th>ERROR</th></tr></thead><tbody>` +
        results
          .map(
            (r) =>
              `<tr><td>${escapeHtml(r.requirement.id)}</td><td><span class="st" style="background:${STATUS_COLOR[r.status]}">${r.status}</span></td><td>${escapeHtml(r.requirement.title)}</td><td>${r.counts.PASS}</td><td>${r.counts.FAIL}</td><td>${r.counts.ERROR}</td></tr>`,
          )
          .join('') +
        '</tbody></table>',
    )
    .join('');
  const card = (label: string, value: string | number, color = '#333') =>
    `<div class="card"><div class="v" style="color:${color}">${value}</div><div class="l">${label}</div></div>`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(input.title)}</title>
<style>
body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:0;color:#222;background:#f6f7f9}
header{background:#1d2733;color:#fff;padding:16px 24px}header h1{margin:0;font-size:20px}header p{margin:4px 0 0;color:#b8c2cc;font-size:13px}
main{padding:16px 24px}.cards{display:flex;gap:12px;flex-wrap:wrap}.card{background:#fff;border-radius:6px;padding:12px 18px;box-shadow:0 1px 2px #0002;min-width:110px}
.card .v{font-size:26px;font-weight:600}.card .l{font-size:12px;color:#666;text-transform:uppercase}
.charts{display:flex;gap:24px;flex-wrap:wrap;margin:16px 0}figure{background:#fff;border-radius:6px;padding:8px 12px;margin:0;box-shadow:0 1px 2px #0002}figcaption{font-weight:600;margin-bottom:4px}
.filters{display:flex;gap:8px;flex-wrap:wrap;margin:12px 0}.filters select,.filters input{padding:6px;border:1px solid #bbb;border-radius:4px}
table{border-collapse:collapse;width:100%;background:#fff;font-size:13px}th,td{border-bottom:1px solid #e3e3e3;padding:6px 8px;text-align:left;vertical-align:top}
th{background:#eef1f4;position:sticky;top:0}.st{color:#fff;border-radius:3px;padding:1px 6px;font-size:11px;font-weight:600}.sev{font-weight:600;text-transform:capitalize}
.muted{font-size:11px;color:#666;border:1px solid #999;border-radius:3px;padding:0 4px}.res small{color:#777;word-break:break-all}
pre{background:#f3f3f3;padding:6px;white-space:pre-wrap;font-size:12px}details summary{cursor:pointer}.cmp{margin-bottom:16px}
</style></head><body>
<header><h1>${escapeHtml(input.title)}</h1><p>${escapeHtml(input.product.name)} ${escapeHtml(input.product.version)} · ${escapeHtml(input.generatedAt)} · accounts ${escapeHtml(summary.accounts.join(', '))} · ${summary.regions.length} regions</p></header>
<main>
<section class="cards">
${card('Findings', total)}${card('Failed', summary.byStatus.FAIL, STATUS_COLOR.FAIL)}${card('Passed', summary.byStatus.PASS, STATUS_COLOR.PASS)}${card('Errors', summary.byStatus.ERROR, STATUS_COLOR.ERROR)}${card('Manual', summary.byStatus.MANUAL, STATUS_COLOR.MANUAL)}${card('Muted', summary.mutedCount)}${card('Pass rate', `${passRate}%`)}
</section>
<section class="charts">${barChart('Failed findings by severity', bySeverity)}${byService.length ? barChart('Failed findings by service', byService) : ''}</section>
${complianceHtml}
<h2>Findings</h2>
<div class="filters">
<select id="f-status" aria-label="Status"><option value="">All statuses</option><option selected>FAIL</option><option>ERROR</option><option>MANUAL</option><option>PASS</option></select>
<select id="f-severity" aria-label="Severity"><option value="">All severities</option>${SEVERITIES.map((s) => `<option>${s}</option>`).join('')}</select>
<select id="f-service" aria-label="Service"><option value="">All services</option>${serviceOptions}</select>
<select id="f-muted" aria-label="Muted"><option value="">Muted and unmuted</option><option value="false">Unmuted</option><option value="true">Muted</option></select>
<input id="f-text" type="search" placeholder="Filter text…" aria-label="Text filter">
<span id="f-count"></span>
</div>
<table id="findings"><thead><tr><th>Status</th><th>Severity</th><th>Service</th><th>Region</th><th>Check</th><th>Resource</th><th>Detail</th></tr></thead>
<tbody>
${rows}
</tbody></table>
</main>
<script>
(function(){
  var ids=['f-status','f-severity','f-service','f-muted','f-text'];
  var rows=[].slice.call(document.querySelectorAll('#findings tbody tr'));
  function apply(){
    var st=document.getElementById('f-status').value, sv=document.getElementById('f-severity').value,
        se=document.getElementById('f-service').value, mu=document.getElementById('f-muted').value,
        tx=document.getElementById('f-text').value.toLowerCase(), n=0;
    rows.forEach(function(r){
      var ok=(!st||r.dataset.status===st)&&(!sv||r.dataset.severity===sv)&&(!se||r.dataset.service===se)&&(!mu||r.dataset.muted===mu)&&(!tx||r.textContent.toLowerCase().indexOf(tx)>=0);
      r.style.display=ok?'':'none'; if(ok) n++;
    });
    document.getElementById('f-count').textContent=n+' of '+rows.length+' findings';
  }
  ids.forEach(function(id){document.getElementById(id).addEventListener('input',apply);});
  apply();
})();
</script>
</body></html>
`;
}
