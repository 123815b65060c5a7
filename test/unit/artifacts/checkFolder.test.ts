/** The artifacts-folder rules (SSDK801–812) on clean and defective folders, through the pure checker. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { checkArtifactsFolder, type ArtifactFileDiagnostics } from '../../../core/artifacts';
import { acmeSpec, asInput, cleanFiles, CLEAN_ICON, JPEG_BYTES, PNG_BYTES } from './folders';

function check(files: Record<string, string | Uint8Array>, folderName = 'Artifacts', parentName = 'acme'): ArtifactFileDiagnostics[] {
  return checkArtifactsFolder({ folderName, parentName, files: asInput(files) });
}

/** `file: CODE` for every finding, sorted, to compare whole results. */
function codes(result: ArtifactFileDiagnostics[]): string[] {
  return result.flatMap((r) => r.diagnostics.map((d) => `${r.file}: ${d.code}`)).sort();
}

function messagesOf(result: ArtifactFileDiagnostics[], file: string): string[] {
  return result.find((r) => r.file === file)?.diagnostics.map((d) => String(d.message)) ?? [];
}

describe('artifacts folder: names and presence', () => {
  test('a clean folder has no finding, and every file is listed (so editors can clear it)', () => {
    const result = check(cleanFiles());
    assert.deepEqual(codes(result), []);
    assert.deepEqual(result.map((r) => r.file).sort(), Object.keys(cleanFiles()).sort());
  });

  test('each missing file is reported on the connection spec with its expected name', () => {
    for (const missing of ['acme-category.txt', 'acme-description.txt', 'acme-icon.svg', 'acme-label.txt']) {
      const files = cleanFiles();
      delete files[missing];
      const result = check(files);
      assert.deepEqual(codes(result), ['acme-connectionSpec.json: SSDK801'], missing);
      assert.match(messagesOf(result, 'acme-connectionSpec.json')[0], new RegExp(`no "${missing.replace('.', '\\.')}"`));
    }
  });

  test('a missing connection spec is reported on another file, named after the folder\'s source', () => {
    const files = cleanFiles();
    delete files['acme-connectionSpec.json'];
    const result = check(files);
    assert.deepEqual(codes(result), ['acme-category.txt: SSDK801']);
    assert.match(messagesOf(result, 'acme-category.txt')[0], /acme-connectionSpec\.json/);
  });

  test('a file with another prefix is reported on that file with the expected name', () => {
    const files = cleanFiles();
    files['acmecrm-label.txt'] = files['acme-label.txt'];
    delete files['acme-label.txt'];
    const result = check(files);
    assert.deepEqual(codes(result), ['acmecrm-label.txt: SSDK802']);
    assert.match(messagesOf(result, 'acmecrm-label.txt')[0], /rename it to "acme-label\.txt"/);
    const diagnostic = result.find((r) => r.file === 'acmecrm-label.txt')!.diagnostics[0];
    assert.deepEqual(diagnostic.data, { expected: 'acme-label.txt' });
  });

  test('a folder not named Artifacts counts when it holds a connection spec and an artifact file', () => {
    const result = check({ 'acme-connectionSpec.json': acmeSpec(), 'acme-label.txt': 'Acme CRM\n' }, 'acme', 'Sources');
    assert.deepEqual(codes(result), ['acme-connectionSpec.json: SSDK801', 'acme-connectionSpec.json: SSDK801',
      'acme-connectionSpec.json: SSDK801']);
  });
});

describe('artifacts folder: category', () => {
  const withCategory = (text: string, spec?: string) => {
    const files = cleanFiles();
    files['acme-category.txt'] = text;
    if (spec) files['acme-connectionSpec.json'] = spec;
    return check(files);
  };

  test('a known key with or without one trailing newline (LF or CRLF) is clean', () => {
    for (const text of ['crm', 'crm\n', 'crm\r\n', '  crm  \n']) assert.deepEqual(codes(withCategory(text)), [], JSON.stringify(text));
  });

  test('empty and multi-line files are SSDK803', () => {
    assert.deepEqual(codes(withCategory('')), ['acme-category.txt: SSDK803']);
    assert.deepEqual(codes(withCategory('\n\n')), ['acme-category.txt: SSDK803']);
    const twoLines = withCategory('crm\nmarketingAutomation\n');
    assert.deepEqual(codes(twoLines), ['acme-category.txt: SSDK803']);
    assert.equal(twoLines.find((r) => r.file === 'acme-category.txt')!.diagnostics[0].range.start.line, 1);
  });

  test('a display form gets the camelCase key as a did-you-mean; a near miss too; nonsense lists the keys', () => {
    const spec = acmeSpec((s) => { s.sourceSpec.attributes.uiAttributes.category.key = 'marketingAutomation'; });
    const display = withCategory('Marketing Automation\n', spec);
    assert.ok(codes(display).includes('acme-category.txt: SSDK804'));
    const diagnostic = display.find((r) => r.file === 'acme-category.txt')!.diagnostics.find((d) => d.code === 'SSDK804')!;
    assert.match(String(diagnostic.message), /did you mean "marketingAutomation"/);
    assert.deepEqual(diagnostic.data, { candidates: ['marketingAutomation'] });
    assert.match(messagesOf(withCategory('markettingAutomation', spec), 'acme-category.txt')[0], /did you mean "marketingAutomation"/);
    assert.match(messagesOf(withCategory('spaceships'), 'acme-category.txt')[0], /use one of advertising, analytics/);
  });

  test('streaming on a batch spec says the spec is a batch one; a streaming spec needs streaming', () => {
    const batch = withCategory('streaming\n');
    assert.ok(codes(batch).includes('acme-category.txt: SSDK805'));
    assert.match(messagesOf(batch, 'acme-category.txt').join(' '), /this spec is a batch one/);
    const streamingSpec = acmeSpec((s) => {
      s.type = 'generic-streaming';
      s.providerId = '521eee4d-8cbe-4906-bb48-fb6bd4450033';
      s.sourceSpec.attributes.uiAttributes.category.key = 'streaming';
    });
    assert.deepEqual(codes(withCategory('streaming\n', streamingSpec)), []);
    assert.deepEqual(codes(withCategory('crm\n', streamingSpec)), ['acme-category.txt: SSDK805', 'acme-category.txt: SSDK811']);
  });

  test('a category differing from uiAttributes.category.key names both', () => {
    const result = withCategory('marketingAutomation\n');
    assert.deepEqual(codes(result), ['acme-category.txt: SSDK811']);
    const message = messagesOf(result, 'acme-category.txt')[0];
    assert.match(message, /"crm"/);
    assert.match(message, /"marketingAutomation"/);
  });
});

describe('artifacts folder: label and description', () => {
  test('empty after trimming is SSDK806; one trailing newline is normal', () => {
    const files = cleanFiles();
    files['acme-label.txt'] = '  \n';
    files['acme-description.txt'] = '';
    assert.deepEqual(codes(check(files)), ['acme-description.txt: SSDK806', 'acme-label.txt: SSDK806']);
  });

  test('a label on two lines is SSDK807 on the second line', () => {
    const files = cleanFiles();
    files['acme-label.txt'] = 'Acme\nCRM\n';
    files['acme-connectionSpec.json'] = acmeSpec((s) => { s.sourceSpec.attributes.uiAttributes.label = { key: 'acmeLabel' }; });
    const result = check(files);
    assert.deepEqual(codes(result), ['acme-label.txt: SSDK807']);
    assert.equal(result.find((r) => r.file === 'acme-label.txt')!.diagnostics[0].range.start.line, 1);
  });

  test('a multi-line description is fine', () => {
    const files = cleanFiles();
    files['acme-description.txt'] = 'Contacts from Acme CRM lists.\n\nSecond paragraph.\n';
    files['acme-connectionSpec.json'] = acmeSpec((s) => { s.sourceSpec.attributes.uiAttributes.description = { key: 'd' }; });
    assert.deepEqual(codes(check(files)), []);
  });

  test('label/description text in the spec that differs from the files is SSDK812; keys are not compared', () => {
    const files = cleanFiles();
    files['acme-label.txt'] = 'Acme\n';
    files['acme-description.txt'] = 'Something else.\n';
    const result = check(files);
    assert.deepEqual(codes(result), ['acme-description.txt: SSDK812', 'acme-label.txt: SSDK812']);
    assert.match(messagesOf(result, 'acme-label.txt')[0], /"Acme CRM".*"Acme"/);
  });
});

describe('artifacts folder: icon', () => {
  const withIcon = (icon: string | Uint8Array) => {
    const files: Record<string, string | Uint8Array> = cleanFiles();
    files['acme-icon.svg'] = icon;
    return check(files);
  };
  const iconCodes = (icon: string | Uint8Array) => codes(withIcon(icon)).filter((c) => c.startsWith('acme-icon.svg'));

  test('a PNG or JPEG renamed .svg is SSDK808, with or without the raw bytes', () => {
    assert.deepEqual(iconCodes(PNG_BYTES), ['acme-icon.svg: SSDK808']);
    assert.match(messagesOf(withIcon(PNG_BYTES), 'acme-icon.svg')[0], /PNG image renamed/);
    assert.match(messagesOf(withIcon(JPEG_BYTES), 'acme-icon.svg')[0], /JPEG image renamed/);
    assert.match(messagesOf(withIcon(Buffer.from(PNG_BYTES).toString('utf8')), 'acme-icon.svg')[0], /PNG image renamed/);
  });

  test('malformed XML, a non-svg root and empty text are SSDK808', () => {
    assert.deepEqual(iconCodes('<svg viewBox="0 0 1 1"><g></svg>'), ['acme-icon.svg: SSDK808']);
    assert.match(messagesOf(withIcon('<svg viewBox="0 0 1 1"><g></svg>'), 'acme-icon.svg')[0], /not well-formed XML/);
    assert.deepEqual(iconCodes('<html><body/></html>'), ['acme-icon.svg: SSDK808']);
    assert.match(messagesOf(withIcon('<html/>'), 'acme-icon.svg')[0], /root element is <html>/);
    assert.deepEqual(iconCodes(''), ['acme-icon.svg: SSDK808']);
  });

  test('no viewBox is SSDK809 on the root element', () => {
    const result = withIcon('<svg xmlns="http://www.w3.org/2000/svg" width="32" height="32"><rect width="1" height="1"/></svg>');
    assert.deepEqual(codes(result), ['acme-icon.svg: SSDK809']);
    assert.deepEqual(result.find((r) => r.file === 'acme-icon.svg')!.diagnostics[0].range.start, { line: 0, character: 0 });
  });

  const hostile: Array<[string, string, RegExp]> = [
    ['script element', '<svg viewBox="0 0 1 1"><script>alert(1)</script></svg>', /<script> is not allowed/],
    ['namespaced script', '<s:svg xmlns:s="http://www.w3.org/2000/svg" viewBox="0 0 1 1"><s:script>alert(1)</s:script></s:svg>', /<s:script>/],
    ['script in CDATA-free upper case', '<svg viewBox="0 0 1 1"><SCRIPT>x</SCRIPT></svg>', /<SCRIPT> is not allowed/],
    ['onload handler', '<svg viewBox="0 0 1 1" onload="alert(1)"/>', /event-handler attribute onload/],
    ['onclick on a child', '<svg viewBox="0 0 1 1"><rect onclick="x()" width="1" height="1"/></svg>', /onclick/],
    ['external image', '<svg viewBox="0 0 1 1" xmlns:xlink="http://www.w3.org/1999/xlink"><image xlink:href="https://tracker.example/p.png"/></svg>', /refers outside the icon/],
    ['external use', '<svg viewBox="0 0 1 1"><use href="other.svg#a"/></svg>', /refers outside the icon/],
    ['javascript URL in an anchor', '<svg viewBox="0 0 1 1"><a href="javascript:alert(1)"><rect width="1" height="1"/></a></svg>', /refers outside the icon/],
    ['javascript in animation', '<svg viewBox="0 0 1 1"><a><set attributeName="href" to="javascript:alert(1)"/></a></svg>', /script URL/],
    ['foreignObject', '<svg viewBox="0 0 1 1"><foreignObject><div xmlns="http://www.w3.org/1999/xhtml">x</div></foreignObject></svg>', /<foreignObject> is not allowed/],
    ['style element with import', '<svg viewBox="0 0 1 1"><style>@import url(https://x.example/a.css);</style></svg>', /<style> element/],
    ['url() to another host', '<svg viewBox="0 0 1 1"><rect fill="url(https://x.example/p#g)" width="1" height="1"/></svg>', /loads external content/],
    ['DOCTYPE with entities', '<!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]><svg viewBox="0 0 1 1"><text>&b;</text></svg>', /DOCTYPE/],
    ['external entity (XXE)', '<!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]><svg viewBox="0 0 1 1"><text>&x;</text></svg>', /DOCTYPE/],
    ['xml-stylesheet', '<?xml-stylesheet href="https://x.example/a.css"?><svg viewBox="0 0 1 1"/>', /xml-stylesheet/],
  ];
  for (const [name, svg, message] of hostile) {
    test(`hostile icon: ${name} is SSDK810`, () => {
      const result = withIcon(svg);
      const found = result.find((r) => r.file === 'acme-icon.svg')!.diagnostics;
      const unsafe = found.filter((d) => d.code === 'SSDK810');
      assert.ok(unsafe.length >= 1, `${name}: ${JSON.stringify(found)}`);
      assert.ok(unsafe.some((d) => message.test(String(d.message))), `${name}: ${unsafe.map((d) => d.message).join(' | ')}`);
      assert.equal(unsafe[0].severity, 1);
    });
  }

  test('the finding sits on the offending attribute', () => {
    const svg = '<svg viewBox="0 0 1 1">\n  <rect width="1"\n        onmouseover="x()"/>\n</svg>';
    const d = withIcon(svg).find((r) => r.file === 'acme-icon.svg')!.diagnostics[0];
    assert.deepEqual(d.range, { start: { line: 2, character: 8 }, end: { line: 2, character: 19 } });
  });

  test('local references, embedded PNG data and the clean icon are accepted', () => {
    assert.deepEqual(iconCodes(CLEAN_ICON), []);
    assert.deepEqual(iconCodes('<svg viewBox="0 0 1 1"><image href="data:image/png;base64,iVBORw0KGgo="/></svg>'), []);
    assert.deepEqual(iconCodes('<svg viewBox="0 0 1 1"><image href="data:image/svg+xml;base64,PHN2Zy8+"/></svg>'), ['acme-icon.svg: SSDK810']);
  });
});
