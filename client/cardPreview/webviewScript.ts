/**
 * The script of the *Preview Source Card and Forms* webview, as text (it runs inside the webview under a nonce, so
 * it ships inline rather than as a separate file). It only draws the model it receives (core/catalogCard/model.ts)
 * with DOM calls and `textContent` (never innerHTML, so no text of the spec can become markup) and posts
 * `{type: 'ready'}`, `{type: 'drawn'}` and `{type: 'reveal', range}` back. It keeps the spec's URI and the model in its
 * webview state, which VS Code hands back when it restores the panel after a window reload.
 */
export const WEBVIEW_SCRIPT = String.raw`
(function () {
  const vscode = acquireVsCodeApi();
  const root = document.getElementById('root');
  const specUri = root.dataset.specUri;
  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }
  function revealOnClick(node, range) {
    if (!range) return;
    node.classList.add('revealable');
    node.tabIndex = 0;
    node.title = 'Click to reveal the declaration in the spec';
    const reveal = function () { vscode.postMessage({ type: 'reveal', range: range }); };
    node.addEventListener('click', function (event) { event.stopPropagation(); reveal(); });
    node.addEventListener('keydown', function (event) { if (event.key === 'Enter') reveal(); });
  }
  function drawCard(card) {
    const box = el('section', 'card');
    revealOnClick(box, card.declaration);
    const head = el('div', 'card-head');
    if (card.iconDataUri) {
      const img = el('img', 'icon');
      img.src = card.iconDataUri;
      img.alt = 'Source icon';
      head.appendChild(img);
    } else {
      const placeholder = el('div', 'icon placeholder', '?');
      placeholder.title = card.iconNote || 'no icon';
      head.appendChild(placeholder);
    }
    const titles = el('div', 'titles');
    titles.appendChild(el('div', 'label', card.label.text));
    titles.appendChild(el('div', 'category', card.category.display));
    head.appendChild(titles);
    const badges = el('div', 'badges');
    card.badges.forEach(function (b) { badges.appendChild(el('span', 'badge badge-' + b.toLowerCase(), b)); });
    head.appendChild(badges);
    box.appendChild(head);
    box.appendChild(el('p', 'description', card.description.text || 'No description'));
    const notes = [];
    if (card.label.source !== 'spec text') notes.push('label: ' + card.label.source);
    if (card.description.source !== 'spec text') notes.push('description: ' + card.description.source);
    if (card.iconNote) notes.push(card.iconNote);
    if (notes.length) box.appendChild(el('p', 'note', notes.join(' · ')));
    return box;
  }
  function drawField(field) {
    const row = el('div', 'field control-' + field.control);
    revealOnClick(row, field.declaration);
    row.dataset.field = field.name;
    const label = el('label', 'field-title', field.title);
    if (field.required) label.appendChild(el('span', 'required', ' *'));
    row.appendChild(label);
    let input;
    if (field.control === 'select') {
      input = el('select');
      field.choices.forEach(function (choice) {
        const option = el('option', undefined, choice);
        if (choice === field.defaultValue) option.selected = true;
        input.appendChild(option);
      });
    } else if (field.control === 'checkbox') {
      input = el('input');
      input.type = 'checkbox';
      input.checked = field.defaultValue === 'true';
    } else if (field.control === 'group') {
      input = el('div', 'group');
      (field.fields || []).filter(function (f) { return !f.hidden; }).forEach(function (f) { input.appendChild(drawField(f)); });
    } else {
      input = el('input');
      input.type = field.control === 'password' ? 'password' : field.control === 'number' ? 'number' : field.control === 'date' ? 'date' : 'text';
      if (field.control === 'password') input.value = 'secret';
      else if (field.defaultValue !== undefined) input.value = field.defaultValue;
    }
    if (input.tagName !== 'DIV') input.disabled = true;
    row.appendChild(input);
    if (field.description) row.appendChild(el('div', 'field-description', field.description));
    return row;
  }
  function drawForm(form) {
    const box = el('section', 'form');
    const head = el('h2', 'form-title', form.title);
    revealOnClick(head, form.declaration);
    box.appendChild(head);
    if (form.subtitle) box.appendChild(el('div', 'form-subtitle', form.subtitle));
    if (form.description) box.appendChild(el('p', 'form-description', form.description));
    const visible = form.fields.filter(function (f) { return !f.hidden; });
    if (visible.length === 0) box.appendChild(el('p', 'note', 'No fields.'));
    visible.forEach(function (f) { box.appendChild(drawField(f)); });
    const hidden = form.fields.length - visible.length;
    if (hidden > 0) box.appendChild(el('p', 'note', hidden + ' hidden field' + (hidden > 1 ? 's' : '') + ' (uiAttributes.hidden) not shown'));
    return box;
  }
  function draw(model) {
    root.replaceChildren();
    root.appendChild(el('h1', 'section-title', 'Sources catalog'));
    root.appendChild(drawCard(model.card));
    if (model.problem) root.appendChild(el('p', 'problem', model.problem));
    model.forms.forEach(function (form) { root.appendChild(drawForm(form)); });
  }
  window.addEventListener('message', function (event) {
    const message = event.data;
    if (message && message.type === 'model') {
      draw(message.model);
      vscode.setState({ specUri: specUri, model: message.model });
      vscode.postMessage({ type: 'drawn' });
    }
  });
  const saved = vscode.getState();
  if (saved && saved.specUri === specUri && saved.model) draw(saved.model);
  else vscode.setState({ specUri: specUri });
  vscode.postMessage({ type: 'ready' });
})();
`;
