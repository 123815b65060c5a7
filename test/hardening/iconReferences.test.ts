// Issue 18, item 10: the icon check (SSDK810) missed external references made through animation and `set`
// elements (which change another attribute to the value they carry), CSS escapes that spell `url(` differently,
// and image-set(), which takes bare strings. Each case here was accepted before.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { checkArtifactsFolder } from '../../core/artifacts';
import { asInput, cleanFiles } from '../unit/artifacts/folders';

function iconFindings(svg: string): Array<{ code: string; message: string; line: number }> {
  const result = checkArtifactsFolder({ folderName: 'Artifacts', parentName: 'acme', files: asInput({ ...cleanFiles(), 'acme-icon.svg': svg }) });
  return result.find((r) => r.file === 'acme-icon.svg')!.diagnostics
    .map((d) => ({ code: String(d.code), message: String(d.message), line: d.range.start.line }));
}

const svg = (body: string) => `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 1 1">\n${body}\n</svg>`;

describe('icon check: external references in any spelling are SSDK810', () => {
  const hostile: Array<[string, string, RegExp]> = [
    ['<set attributeName="href" to=https>', '<a><set attributeName="href" to="https://tracker.example/x"/></a>', /sets href to "https:\/\/tracker\.example\/x"/],
    ['<set attributeName="xlink:href" to=relative file>', '<image><set attributeName="xlink:href" to="other.svg"/></image>', /refers outside the icon/],
    ['<animate attributeName="href" values=…>', '<a><animate attributeName="href" values="#a;https://tracker.example/y" dur="1s"/></a>', /https:\/\/tracker\.example\/y/],
    ['<animate from=…> aimed at href', '<a><animate attributeName="href" from="//tracker.example/z" to="#a" dur="1s"/></a>', /\/\/tracker\.example\/z/],
    ['<animate to="data:text/html,…">', '<a><animate attributeName="fill" to="data:text/html,&lt;script&gt;alert(1)&lt;/script&gt;" dur="1s"/></a>', /data:text\/html/],
    ['CSS escape u\\72l( in a presentation attribute', '<rect width="1" height="1" fill="u\\72l(https://tracker.example/p#g)"/>', /loads external content/],
    ['CSS escape \\75rl( in style', '<rect width="1" height="1" style="fill: \\75 rl(https://tracker.example/p#g)"/>', /loads external content/],
    ['a comment inside url(', '<rect width="1" height="1" style="fill: url(/**/https://tracker.example/p#g)"/>', /loads external content/],
    ['image-set("https://…")', '<rect width="1" height="1" style="fill: image-set(&quot;https://tracker.example/i.png&quot; 1x)"/>', /loads external content/],
    ['-webkit-image-set', '<rect width="1" height="1" style="mask: -webkit-image-set(\'https://tracker.example/i.png\' 1x)"/>', /loads external content/],
  ];
  for (const [name, body, message] of hostile) {
    test(name, () => {
      const unsafe = iconFindings(svg(body)).filter((f) => f.code === 'SSDK810');
      assert.ok(unsafe.some((f) => message.test(f.message)), `${name}: ${JSON.stringify(unsafe)}`);
      assert.ok(unsafe.every((f) => f.line === 1), 'on the element that carries it');
    });
  }

  test('local references stay accepted, however they are written', () => {
    for (const body of [
      '<a><set attributeName="href" to="#b"/></a>',
      '<a><animate attributeName="xlink:href" values="#a;#b" dur="1s"/></a>',
      '<rect width="1" height="1" fill="red"><animate attributeName="fill" values="red;blue" dur="1s"/></rect>',
      '<rect width="1" height="1" fill="url(\'#g\')"/>',
      '<rect width="1" height="1" style="fill: url( &quot;#g&quot; )"/>',
      '<image><set attributeName="href" to="data:image/png;base64,iVBORw0KGgo="/></image>',
    ]) {
      assert.deepEqual(iconFindings(svg(body)), [], body);
    }
  });
});
