/**
 * The frame the analyst's HTML documents share (calibration report, model card): escaping and the
 * self-contained page around a body. Kept apart from the report's charts so a document without charts
 * does not load Vega to escape a string.
 */

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** A complete, self-contained English page: inline styles, the body in <main>, marked when the model is simulated. */
export function htmlPage(page: { title: string; css: string; simulated: boolean; body: string }): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(page.title)}</title>
<style>${page.css}</style>
</head>
<body${page.simulated ? ' class="is-simulated"' : ''}>
<main>
${page.body}
</main>
</body>
</html>
`;
}
