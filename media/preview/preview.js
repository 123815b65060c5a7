// @ts-check
// The Preview Source panel: draws the plain model the extension posts (core/run/previewModel.ts, PreviewModel) with
// DOM text nodes only (never innerHTML: records come from an outside API), and posts typed messages back
// (PanelMessage: ready, revealSpecPath, rerun). No logic beyond drawing lives here.
(function () {
  // eslint-disable-next-line no-undef
  const vscode = acquireVsCodeApi();
  const root = /** @type {HTMLElement} */ (document.getElementById('root'));

  /** @param {string} tag @param {Record<string, string>} [attrs] @param {(Node|string|undefined)[]} [children] */
  function el(tag, attrs, children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) node.setAttribute(key, value);
    for (const child of children || []) {
      if (child === undefined) continue;
      node.append(typeof child === 'string' ? document.createTextNode(child) : child);
    }
    return node;
  }

  /** @param {string} title @param {Node[]} body @param {boolean} [open] */
  function section(title, body, open) {
    const details = el('details', open ? { open: '' } : {}, [el('summary', {}, [title]), ...body]);
    return details;
  }

  /** @param {Record<string, string>|undefined} headers */
  function headerList(headers) {
    if (!headers) return undefined;
    return el('pre', { class: 'code' }, [Object.entries(headers).map(([k, v]) => `${k}: ${v}`).join('\n')]);
  }

  /** @param {string} specPath */
  function specLink(specPath) {
    const a = el('a', { href: '#', class: 'spec-link', 'data-spec-path': specPath, title: 'Show in the spec' }, [specPath]);
    a.addEventListener('click', (event) => {
      event.preventDefault();
      vscode.postMessage({ type: 'revealSpecPath', specPath });
    });
    return a;
  }

  /** @param {any} model */
  function render(model) {
    root.replaceChildren();
    const rerun = el('button', { id: 'rerun' }, ['Run again']);
    rerun.addEventListener('click', () => vscode.postMessage({ type: 'rerun' }));
    const change = el('button', { id: 'change-values' }, ['Change values…']);
    change.addEventListener('click', () => vscode.postMessage({ type: 'rerun', askAgain: true }));
    root.append(el('header', {}, [el('h1', {}, [model.title]), el('p', { id: 'summary' }, [model.summary, ' ']), rerun, change]));

    if (model.error) {
      root.append(el('div', { class: 'error', id: 'error' }, [
        model.error.status ? `HTTP ${model.error.status}: ` : '', model.error.message,
        model.error.specPath ? ' — ' : '', model.error.specPath ? specLink(model.error.specPath) : undefined,
      ]));
    }

    const warnings = model.warnings.map((/** @type {any} */ w) => el('li', { class: 'warning', 'data-code': w.code }, [
      el('strong', {}, [w.code]), ': ', w.message, w.specPath ? ' — ' : '', w.specPath ? specLink(w.specPath) : undefined,
      w.fix ? el('div', { class: 'fix' }, [`Quick fix in the spec: ${w.fix.title}`]) : undefined,
    ]));
    root.append(section(`Warnings (${model.warnings.length})`, [warnings.length ? el('ul', { id: 'warnings' }, warnings) : el('p', {}, ['None.'])], warnings.length > 0));

    const head = el('tr', {}, model.table.columns.map((/** @type {string} */ c) => el('th', {}, [c])));
    const rows = model.table.rows.map((/** @type {string[]} */ r) => el('tr', {}, r.map((cell) => el('td', {}, [cell]))));
    root.append(section(`Records (${model.table.rows.length})`, [
      model.tableNote ? el('p', {}, [model.tableNote]) : undefined,
      model.table.rows.length ? el('div', { class: 'table-wrap' }, [el('table', { id: 'records' }, [el('thead', {}, [head]), el('tbody', {}, rows)])]) : el('p', {}, ['No records.']),
    ].filter(Boolean), true));

    root.append(section('Inferred schema', [el('pre', { class: 'code', id: 'schema' }, [model.schemaText])]));

    const exchanges = model.exchanges.map((/** @type {any} */ x) => section(x.title, [
      el('h3', {}, ['Request']), el('pre', { class: 'code' }, [`${x.method} ${x.url}`]), headerList(x.requestHeaders),
      x.requestBody ? el('pre', { class: 'code' }, [x.requestBody]) : undefined,
      el('h3', {}, ['Response']), headerList(x.responseHeaders),
      x.responseBody !== undefined ? el('pre', { class: 'code' }, [x.responseBody + (x.responseBodyTruncated ? '\n… (cut)' : '')]) : el('p', {}, ['(body not kept for this request)']),
    ].filter(Boolean)));
    root.append(section(`Requests (${model.exchanges.length})`, [el('div', { id: 'requests' }, exchanges)], model.exchanges.length <= 3));
  }

  window.addEventListener('message', (event) => {
    const message = event.data;
    if (message && message.type === 'model') render(message.model);
    if (message && message.type === 'running') root.replaceChildren(el('p', { class: 'running' }, [message.text]));
  });
  vscode.postMessage({ type: 'ready' });
})();
