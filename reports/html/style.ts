// The report's stylesheet, inline so the file stands alone. Filtering by verdict is
// pure CSS (radio buttons), so the page needs no script and its CSP forbids all.
import { trusted } from './kit.ts';

export const STYLE = trusted(`
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:0;color:#1d2330;background:#f6f7f9}
main{max-width:1200px;margin:0 auto;padding:16px 24px 60px}
h1{font-size:22px;margin:8px 0 4px}h2{font-size:18px;margin:28px 0 8px;border-bottom:1px solid #d5d9e0;padding-bottom:4px}h3{font-size:15px;margin:18px 0 6px}
table{border-collapse:collapse;background:#fff;margin:6px 0;font-size:13px}
th,td{border:1px solid #dde1e7;padding:4px 7px;text-align:left;vertical-align:top}
table.tests td.txt{overflow-wrap:anywhere}table.tests td.id,td.n{white-space:nowrap}th{background:#eef1f5}
td.n{text-align:right;font-variant-numeric:tabular-nums}
code,pre{font:12px/1.4 ui-monospace,"DejaVu Sans Mono",monospace}
pre{background:#fff;border:1px solid #dde1e7;padding:6px 8px;margin:4px 0;white-space:pre-wrap;word-break:break-all;max-height:320px;overflow:auto}
pre.cmd{background:#1d2330;color:#e6e9ef;border:0}
.badge{display:inline-block;padding:0 7px;border-radius:9px;font-size:12px;font-weight:600;color:#fff;white-space:nowrap}
.v-pass{background:#1f8a4c}.v-fail{background:#c62f2f}.v-error{background:#d9730d}.v-skipped{background:#8a93a3}.v-untested{background:#c9ced6;color:#333}
td.cell-pass{background:#dff3e6}td.cell-fail{background:#fbe0e0}td.cell-error{background:#fdebd7}td.cell-skipped,td.cell-untested{background:#eef0f3}
.chips span{margin-right:6px}
.kv th{width:170px}
.muted{color:#6b7383}.warn{color:#b3261e}
details>summary{cursor:pointer;color:#2456b3}
.sources li{margin:3px 0}.sources cite{font-style:normal;color:#6b7383}
.filters{margin:6px 0}.filters input{margin-left:10px}
.f-pass:checked~table tr.t:not(.v-pass),.f-fail:checked~table tr.t:not(.v-fail),.f-error:checked~table tr.t:not(.v-error),
.f-skipped:checked~table tr.t:not(.v-skipped),.f-unexpected:checked~table tr.t:not(.unexpected){display:none}
tr.t.v-pass,tr.t.v-fail,tr.t.v-error,tr.t.v-skipped{background:#fff;color:inherit}
tr.t td.vd{width:60px}
.failure{background:#fff;border:1px solid #dde1e7;border-left:4px solid #c62f2f;padding:8px 12px;margin:12px 0}
.failure.error{border-left-color:#d9730d}
.sides{display:grid;grid-template-columns:1fr 1fr;gap:10px}
.sides h4{margin:4px 0;font-size:12px;text-transform:uppercase;color:#6b7383}
mark{background:#ffd9d9;color:#8b0000}
svg.seq{background:#fff;border:1px solid #dde1e7;max-width:100%;height:auto;font:12px ui-monospace,"DejaVu Sans Mono",monospace}
svg.seq .lane-head{fill:#eef1f5;stroke:#9aa3b2}svg.seq .lane{font-weight:700;font-family:system-ui,sans-serif}
svg.seq .life{stroke:#9aa3b2;stroke-dasharray:2 3}
svg.seq .step line{stroke:#46505f;stroke-width:1.4}svg.seq .step polygon{fill:#46505f}
svg.seq .step.match .resp line{stroke:#1f8a4c}svg.seq .step.match .resp polygon,svg.seq .step.match .resp text{fill:#1f8a4c}
svg.seq .step.error line{stroke:#d9730d}svg.seq .step.error polygon,svg.seq .step.error .resp text{fill:#d9730d}
svg.seq .divergent line{stroke:#c62f2f;stroke-width:2}svg.seq .divergent polygon,svg.seq .divergent .resp text,svg.seq .flag{fill:#c62f2f}
svg.seq .mark{fill:#fdecec;stroke:#c62f2f}svg.seq .flag{font-weight:700;font-family:system-ui,sans-serif}
svg.seq .note{fill:#6b7383}
svg.chart{background:#fff;border:1px solid #dde1e7;font:11px system-ui,sans-serif}svg.chart .axis{stroke:#9aa3b2}svg.chart .execs{fill:none;stroke:#2456b3;stroke-width:2}
`);
