/**
 * Checks an artifacts folder's `{source}-icon.svg`. The icon is shown inside Experience Platform's UI, so it is
 * treated as hostile input: it must really be SVG (an XML document whose root element is `svg`, not a PNG or JPEG
 * renamed), carry a `viewBox`, and hold no script, event handler, DOCTYPE/entity declaration or external reference.
 *
 * Parsing uses `saxes`, a strict, non-validating streaming XML parser: it rejects malformed XML with a position,
 * reports namespaces, never fetches a DTD or external entity (so parsing a hostile file is itself safe), and does
 * not build a tree, so a large file costs little memory. Regular expressions cannot parse XML (comments, CDATA,
 * quoting and namespace prefixes all defeat them).
 */
import { SaxesParser, type SaxesTagNS } from 'saxes';
import { artifactPath, folderRoles } from '../../../artifacts/folder';
import { LineIndex } from '../../../artifacts/textPositions';
import { row } from '../../ruleRow';
import type { WorkspaceRule } from '../../types';

/** SSDK808–810 on each artifacts folder's icon (the correctly named one, else one with another prefix). */
export const artifactIconRule: WorkspaceRule = {
  table: [
    row('SSDK808', 'error', 'Icon is not an SVG document', 'Submit a real SVG: an XML file whose root element is `<svg>` (a PNG or JPEG renamed .svg is refused).'),
    row('SSDK809', 'warning', 'Icon without `viewBox`', 'Add a `viewBox` to the `<svg>` root so the icon scales to the catalog tile.'),
    row('SSDK810', 'error', 'Unsafe content in the icon', 'Remove scripts, event-handler attributes, DOCTYPE/entities, style sheets and external references: the icon is shown inside Experience Platform.'),
  ],
  run(ctx) {
    for (const folder of ctx.snapshot.artifactsFolders) {
      const { prefix, byRole } = folderRoles(folder);
      const icon = byRole.get('icon');
      if (!prefix || !icon || icon.tooLarge !== undefined) continue;
      const index = new LineIndex(icon.text);
      for (const finding of checkSvg(icon.text, icon.bytes)) {
        ctx.report({ path: artifactPath(folder.path, icon.name), code: finding.code, message: finding.message, range: index.range(finding.start, finding.end) });
      }
    }
  },
};

/** One finding in the icon, as offsets into its text. */
export interface SvgFinding {
  code: 'SSDK808' | 'SSDK809' | 'SSDK810';
  message: string;
  start: number;
  end: number;
}

/** Magic numbers of the raster formats most often renamed to `.svg`. */
const RASTER_SIGNATURES: ReadonlyArray<{ name: string; bytes: number[] }> = [
  { name: 'PNG', bytes: [0x89, 0x50, 0x4e, 0x47] },
  { name: 'JPEG', bytes: [0xff, 0xd8, 0xff] },
  { name: 'GIF', bytes: [0x47, 0x49, 0x46, 0x38] },
  { name: 'WebP (RIFF)', bytes: [0x52, 0x49, 0x46, 0x46] },
];

/** Elements that run or embed active content. */
const ACTIVE_ELEMENTS = new Set(['script', 'foreignobject', 'iframe', 'embed', 'object', 'handler', 'listener']);

/** Raster images embedded as data URIs are self-contained and inert; anything else in a data URI is not accepted. */
const INERT_DATA_URI = /^data:image\/(png|jpeg|gif|webp);base64,/i;

/** Animation elements: they set another attribute of their parent (`attributeName`) to the values they carry. */
const ANIMATION_ELEMENTS = new Set(['set', 'animate', 'animatecolor', 'animatemotion', 'animatetransform']);
/** The attributes whose values an animation element applies to its target attribute. */
const ANIMATION_VALUES = ['to', 'from', 'by', 'values'];
/** Attributes (local names) that load what they name. */
const REFERENCE_ATTRIBUTES = new Set(['href', 'src']);
/** A value that names a resource by scheme (`https:`, `data:`, `javascript:`) or network path (`//host`). */
const URL_LIKE = /^(?:[a-z][a-z0-9+.-]*:|\/\/)/i;

/** The image format a byte sequence starts with, or undefined. `bytes` may be omitted when only text is known. */
export function rasterFormat(bytes: Uint8Array | undefined, text: string): string | undefined {
  for (const signature of RASTER_SIGNATURES) {
    if (bytes && signature.bytes.every((b, i) => bytes[i] === b)) return signature.name;
  }
  // Without bytes (an editor buffer): a PNG decoded as UTF-8 starts with U+FFFD followed by "PNG".
  if (/^\uFFFDPNG/.test(text)) return 'PNG';
  if (/^\uFFFD\uFFFD\uFFFD/.test(text) || /^\uFFFD+JFIF|^\uFFFD+Exif/.test(text)) return 'JPEG';
  if (/^GIF8[79]a/.test(text)) return 'GIF';
  return undefined;
}

/** Every finding for one icon. */
export function checkSvg(text: string, bytes?: Uint8Array): SvgFinding[] {
  const raster = rasterFormat(bytes, text);
  if (raster) {
    return [{ code: 'SSDK808', start: 0, end: 0,
      message: `The icon is a ${raster} image renamed to .svg: the artifacts folder needs a real SVG (vector) file.` }];
  }
  if (text.includes('\u0000')) {
    return [{ code: 'SSDK808', start: 0, end: 0, message: 'The icon is a binary file, not an SVG (XML) document.' }];
  }
  const findings: SvgFinding[] = [];
  const hostile = (message: string, start: number, end: number) => findings.push({ code: 'SSDK810', message, start, end });
  const parser = new SaxesParser({ xmlns: true, position: true });
  let syntaxError: SvgFinding | undefined;
  let rootSeen = false;
  let depth = 0;
  let tagStart = 0;

  parser.on('error', (err) => {
    // saxes prefixes its message with "line:column: "; keep the rest, place it where the parser stopped.
    if (!syntaxError) {
      const offset = Math.min(parser.position, text.length);
      syntaxError = { code: 'SSDK808', start: Math.max(0, offset - 1), end: offset,
        message: `The icon is not well-formed XML: ${err.message.replace(/^[^:]*:\d+:\d+:\s*/, '')}` };
    }
  });
  parser.on('doctype', () => {
    const start = text.indexOf('<!DOCTYPE');
    hostile('DOCTYPE declarations are not allowed in the icon: entity declarations can expand without bound or load external content.',
      Math.max(0, start), Math.max(0, start) + 9);
  });
  parser.on('processinginstruction', (pi) => {
    if (pi.target.toLowerCase() === 'xml-stylesheet') {
      const start = text.indexOf('<?xml-stylesheet');
      hostile('An xml-stylesheet instruction loads an external style sheet: remove it.', Math.max(0, start), Math.max(0, start) + 16);
    }
  });
  parser.on('opentagstart', () => {
    tagStart = Math.max(0, text.lastIndexOf('<', parser.position - 1));
  });
  parser.on('opentag', (tag: SaxesTagNS) => {
    const tagEnd = parser.position;
    const local = tag.local.toLowerCase();
    if (depth === 0 && !rootSeen) {
      rootSeen = true;
      if (local !== 'svg') {
        findings.push({ code: 'SSDK808', start: tagStart, end: tagStart + 1 + tag.name.length,
          message: `The icon's root element is <${tag.name}>, not <svg>: the file is not an SVG image.` });
      } else if (!Object.values(tag.attributes).some((a) => a.local === 'viewBox')) {
        findings.push({ code: 'SSDK809', start: tagStart, end: tagStart + 1 + tag.name.length,
          message: 'The <svg> root has no viewBox: without it the icon does not scale to the catalog tile. Add e.g. viewBox="0 0 24 24".' });
      }
    }
    depth++;
    if (ACTIVE_ELEMENTS.has(local)) {
      hostile(`<${tag.name}> is not allowed in an icon: it runs or embeds active content.`, tagStart, tagStart + 1 + tag.name.length);
    }
    if (local === 'style') hostile('A <style> element is not allowed in an icon (it can load external content): use presentation attributes.', tagStart, tagStart + 6);
    for (const attribute of Object.values(tag.attributes)) {
      const place = attributePlace(text, tagStart, tagEnd, attribute.name);
      const name = attribute.local.toLowerCase();
      const value = attribute.value.trim();
      if (name.startsWith('on')) {
        hostile(`The event-handler attribute ${attribute.name} is not allowed in an icon: it runs script.`, place.start, place.end);
      } else if (name === 'href' || name === 'src') {
        if (!value.startsWith('#') && !INERT_DATA_URI.test(value)) {
          hostile(`${attribute.name}="${truncate(value)}" refers outside the icon: only local references (#id) and embedded raster images are allowed.`, place.start, place.end);
        }
      } else if (/javascript:|vbscript:/i.test(value) || /javascript:|vbscript:/i.test(decodeCss(value))) {
        hostile(`The attribute ${attribute.name} holds a script URL.`, place.start, place.end);
      } else if (cssLoadsExternal(value)) {
        hostile(`The attribute ${attribute.name} loads external content (${truncate(value)}): only url(#id) is allowed.`, place.start, place.end);
      }
    }
    if (ANIMATION_ELEMENTS.has(local)) checkAnimation(text, tag, tagStart, tagEnd, hostile);
  });
  parser.on('closetag', () => {
    depth--;
  });

  try {
    parser.write(text).close();
  } catch (err) {
    // A handler of ours never throws; this is saxes refusing input after an error it already reported.
    if (!syntaxError) syntaxError = { code: 'SSDK808', start: 0, end: 0, message: `The icon is not well-formed XML: ${String(err)}` };
  }
  if (syntaxError) return [syntaxError, ...findings.filter((f) => f.code === 'SSDK810')];
  if (!rootSeen) findings.unshift({ code: 'SSDK808', start: 0, end: 0, message: 'The icon holds no XML element: an SVG file starts with <svg …>.' });
  return findings;
}

/**
 * An animation element changes another attribute to the values it carries, so `<set attributeName="href"
 * to="https://…">` is an external reference even though no `href` attribute holds it. Values aimed at a reference
 * attribute must be local (#id) or inert embedded images; a URL-like value (https:, data:text/html, //host) is refused
 * whatever attribute it is aimed at.
 */
function checkAnimation(text: string, tag: SaxesTagNS, tagStart: number, tagEnd: number,
  hostile: (message: string, start: number, end: number) => void): void {
  const attributes = Object.values(tag.attributes);
  const targetName = attributes.find((a) => a.local === 'attributeName')?.value.trim() ?? '';
  const target = targetName.slice(targetName.indexOf(':') + 1).toLowerCase();
  for (const attribute of attributes) {
    if (attribute.prefix || !ANIMATION_VALUES.includes(attribute.local)) continue;
    // `values` is a ;-separated list (so an embedded image's `;base64` cannot appear in it); the others hold one value.
    const values = (attribute.local === 'values' ? attribute.value.split(';') : [attribute.value]).map((v) => v.trim()).filter((v) => v.length > 0);
    const outside = values.find((v) => (REFERENCE_ATTRIBUTES.has(target) ? !v.startsWith('#') : URL_LIKE.test(v)) && !INERT_DATA_URI.test(v));
    if (outside === undefined) continue;
    const place = attributePlace(text, tagStart, tagEnd, attribute.name);
    hostile(`<${tag.name}> sets ${targetName || 'an attribute'} to "${truncate(outside)}", which refers outside the icon: ` +
      'only local references (#id) and embedded raster images are allowed.', place.start, place.end);
  }
}

/**
 * Whether a presentation attribute or style value loads something from outside the icon: url() or src() naming
 * anything but a local #id, image-set() (which takes bare strings), @import, expression(). Read as CSS reads it, so
 * an escape (`u\72l(`) or a comment cannot hide the function.
 */
function cssLoadsExternal(value: string): boolean {
  const css = decodeCss(value).toLowerCase();
  if (/@import|expression\s*\(|(?:^|[^a-z0-9_-])(?:-webkit-)?image-set\(/.test(css)) return true;
  for (const match of css.matchAll(/(?:^|[^a-z0-9_-])(?:url|src)\(\s*['"]?\s*(.?)/g)) if (match[1] !== '#') return true;
  return false;
}

/**
 * A CSS value as the CSS parser reads it: comments removed and escapes decoded (`u\72l(` is `url(`), so an escape
 * or a comment cannot hide a function that loads content.
 */
function decodeCss(value: string): string {
  if (!value.includes('\\') && !value.includes('/*')) return value;
  return value.replace(/\/\*[\s\S]*?(?:\*\/|$)/g, '').replace(/\\(?:([0-9a-f]{1,6})[ \t\n\r\f]?|\r\n|([^0-9a-f]))/gi,
    (_whole, hex: string | undefined, other: string | undefined) => {
      if (hex === undefined) return other ?? '';
      const code = parseInt(hex, 16);
      return code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff) ? '\uFFFD' : String.fromCodePoint(code);
    });
}

/** Where attribute `name` sits inside the tag `text[tagStart, tagEnd)`; the tag start when it cannot be found. */
function attributePlace(text: string, tagStart: number, tagEnd: number, name: string): { start: number; end: number } {
  const tag = text.slice(tagStart, tagEnd);
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const match = new RegExp(`\\s(${escaped})\\s*=`).exec(tag);
  if (!match) return { start: tagStart, end: tagStart + 1 };
  const start = tagStart + match.index + 1;
  return { start, end: start + name.length };
}

function truncate(value: string): string {
  return value.length > 60 ? `${value.slice(0, 57)}…` : value;
}
