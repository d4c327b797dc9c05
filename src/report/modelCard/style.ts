/**
 * The card's style sheet. Colours keep at least 4.5:1 contrast against their background (WCAG 2.1 AA):
 * ink #1a1a1a and muted #4f4f4f on white, warning red #8a1c1c on #fbeaea, links #1f5fa8 on white.
 */
export const CSS = `
:root { --ink: #1a1a1a; --muted: #4f4f4f; --rule: #c8c8c8; --accent: #1f5fa8; --warn: #8a1c1c; }
* { box-sizing: border-box; }
body { margin: 0; color: var(--ink); font: 14px/1.45 Helvetica, Arial, sans-serif; background: #fff; }
main { max-width: 1080px; margin: 0 auto; padding: 24px 32px 48px; }
h1 { font-size: 24px; margin: 8px 0 4px; }
h2 { font-size: 19px; margin: 36px 0 10px; padding-bottom: 4px; border-bottom: 2px solid var(--accent); }
h2 .da { color: var(--muted); font-weight: normal; }
h2 .act { float: right; font-size: 12px; font-weight: normal; color: var(--muted); margin-top: 6px; }
h3 { font-size: 15px; margin: 20px 0 8px; }
p, li { max-width: 86ch; }
.meta, .hint { color: var(--muted); font-size: 12.5px; }
code { font-family: Menlo, Consolas, monospace; font-size: 12px; overflow-wrap: anywhere; }
.simulated { border: 3px solid var(--warn); background: #fbeaea; color: var(--warn); padding: 10px 14px; margin: 0 0 12px; font-size: 14px; }
.simulated-inline { border: 2px solid var(--warn); background: #fbeaea; color: var(--warn); padding: 6px 10px; }
.warn { color: var(--warn); }
.simulated-footer { display: none; }
.tag { display: inline-block; font-size: 11px; padding: 0 6px; border: 1px solid var(--rule); border-radius: 3px; color: var(--muted); font-weight: normal; vertical-align: middle; }
.toc ol { display: flex; flex-wrap: wrap; gap: 4px 18px; list-style: none; padding: 0; margin: 8px 0 0; font-size: 13px; }
.toc a { color: var(--accent); }
.evaluation { font-style: italic; }
.callout { border-left: 4px solid var(--accent); padding: 6px 12px; background: #f3f6fb; }
.callout ul { margin: 4px 0; padding-left: 18px; }
.warn-box { border-left-color: var(--warn); background: #fbeaea; }
.caseworker { font-size: 15px; }
.caseworker .callout p { margin: 6px 0; }
table { border-collapse: collapse; margin: 8px 0 12px; font-size: 12.5px; }
caption { text-align: left; font-size: 12.5px; color: var(--muted); padding-bottom: 4px; }
th, td { padding: 3px 8px; border-bottom: 1px solid var(--rule); text-align: left; vertical-align: top; }
thead th { border-bottom: 1.5px solid #666; font-weight: 600; }
tbody th { font-weight: normal; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.ci { color: var(--muted); font-size: 11.5px; }
table.facts th { font-weight: 600; white-space: nowrap; padding-right: 16px; }
table.facts td ul { margin: 0; padding-left: 18px; }
.attribute { margin-top: 18px; }
table.groups .ci { display: block; }
tbody th code { overflow-wrap: normal; }
@media print {
  body { font-size: 11px; }
  main { max-width: none; padding: 0 0 16mm; }
  .toc { display: none; }
  .caseworker { break-after: page; font-size: 12px; }
  .caseworker table.facts { font-size: 11px; }
  h1 { font-size: 19px; }
  .simulated { font-size: 11.5px; padding: 6px 10px; }
  section { break-inside: auto; }
  h2, h3 { break-after: avoid; }
  tr, .callout { break-inside: avoid; }
  .simulated-footer { display: block; position: fixed; bottom: 0; left: 0; right: 0; text-align: center; font-size: 10px; color: var(--warn); border-top: 1px solid var(--warn); padding-top: 2px; background: #fff; }
  a { color: inherit; text-decoration: none; }
}
@page { size: A4; margin: 14mm 12mm 14mm 12mm; }
`;
