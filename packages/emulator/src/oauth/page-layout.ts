/** Escapes text for HTML content and attribute values. */
export function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

/** One labelled input of a form. */
export interface FormField {
  name: string;
  label: string;
  type: 'text' | 'email' | 'password' | 'hidden';
  autocomplete?: string;
  required?: boolean;
  value?: string;
  /** `inputmode` for codes (a numeric keypad on phones). */
  inputMode?: 'numeric';
}

/** A form that posts to `action` with the CSRF value and the given fields. */
export function renderForm(
  action: string,
  csrf: string,
  fields: readonly FormField[],
  submit: string,
): string {
  const inputs = fields.map((f) => {
    const attrs = [
      `type="${f.type}"`,
      `id="${escapeHtml(f.name)}"`,
      `name="${escapeHtml(f.name)}"`,
      f.value === undefined ? '' : `value="${escapeHtml(f.value)}"`,
      f.autocomplete === undefined ? '' : `autocomplete="${f.autocomplete}"`,
      f.inputMode === undefined ? '' : `inputmode="${f.inputMode}"`,
      f.required === false ? '' : 'required',
    ]
      .filter((a) => a !== '')
      .join(' ');
    if (f.type === 'hidden') return `<input ${attrs}>`;
    return `<label for="${escapeHtml(f.name)}">${escapeHtml(f.label)}</label><input ${attrs}>`;
  });
  return `<form method="post" action="${escapeHtml(action)}" novalidate>
<input type="hidden" name="_csrf" value="${escapeHtml(csrf)}">
${inputs.join('\n')}
<button type="submit">${escapeHtml(submit)}</button>
</form>`;
}

/** A link at the foot of a form (to the sign-up or forgot-password page, back to sign-in). */
export function renderLink(href: string, text: string): string {
  return `<p class="link"><a href="${escapeHtml(href)}">${escapeHtml(text)}</a></p>`;
}

const STYLE = `
*{box-sizing:border-box}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;background:#f2f4f7;color:#16191f}
main{max-width:24rem;margin:0 auto;padding:2rem 1rem}
.card{background:#fff;border-radius:.75rem;box-shadow:0 1px 3px rgba(0,0,0,.12);padding:1.5rem}
h1{font-size:1.375rem;margin:0 0 1rem}
label{display:block;font-weight:600;margin:.75rem 0 .25rem}
input{width:100%;font:inherit;padding:.625rem .75rem;border:1px solid #8d99a8;border-radius:.5rem}
input:focus{outline:2px solid #0972d3;outline-offset:1px}
button{width:100%;margin-top:1.25rem;font:inherit;font-weight:600;padding:.75rem;border:0;border-radius:.5rem;background:#0972d3;color:#fff;cursor:pointer}
.error{background:#fff1f0;border:1px solid #d91515;color:#a61111;border-radius:.5rem;padding:.625rem .75rem;margin:0 0 1rem}
.notice{background:#f0f8ff;border:1px solid #0972d3;border-radius:.5rem;padding:.625rem .75rem;margin:0 0 1rem}
.link{margin:1rem 0 0;text-align:center}
a{color:#0972d3}
footer{text-align:center;color:#5f6b7a;font-size:.8125rem;margin-top:1rem}
`;

/** A whole managed login page: one card with a heading, an error or notice, and the body. */
export function renderPage(page: { title: string; error?: string; notice?: string; body: string }): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(page.title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<div class="card">
<h1>${escapeHtml(page.title)}</h1>
${page.error === undefined ? '' : `<p class="error" role="alert">${escapeHtml(page.error)}</p>`}
${page.notice === undefined ? '' : `<p class="notice" role="status">${escapeHtml(page.notice)}</p>`}
${page.body}
</div>
<footer>Local Cognito managed login</footer>
</main>
</body>
</html>
`;
}

/** The page for a request that cannot go back to the app (unknown client, unregistered redirect URI). */
export function renderErrorPage(detail: string): string {
  return renderPage({
    title: 'An error was encountered with the requested page.',
    body: `<p class="error" role="alert">${escapeHtml(detail)}</p>`,
  });
}
