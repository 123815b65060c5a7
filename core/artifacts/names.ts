/**
 * Names in a Sources SDK artifacts folder (`Sources/{source}/Artifacts/`, https://experienceleague.adobe.com/en/docs/experience-platform/sources/sources-sdk/api/submit): the five files every folder
 * holds, how a file name splits into `{source}` prefix and role, and when a folder counts as an artifacts folder.
 * Pure: no I/O.
 */

/** The five files of an artifacts folder, by the suffix after `{source}-`. */
export const ARTIFACT_ROLES = ['category', 'description', 'icon', 'label', 'connectionSpec'] as const;

/** One of the five files. */
export type ArtifactRole = (typeof ARTIFACT_ROLES)[number];

/** The file-name suffix of each role (what follows `{source}-`). */
export const ROLE_SUFFIX: Readonly<Record<ArtifactRole, string>> = {
  category: '-category.txt',
  description: '-description.txt',
  icon: '-icon.svg',
  label: '-label.txt',
  connectionSpec: '-connectionSpec.json',
};

/** A file name split into its `{source}` prefix and role. */
export interface ArtifactName {
  prefix: string;
  role: ArtifactRole;
}

/** `acme-label.txt` → `{prefix: 'acme', role: 'label'}`; undefined for any other name. Suffixes match exactly. */
export function parseArtifactName(fileName: string): ArtifactName | undefined {
  for (const role of ARTIFACT_ROLES) {
    const suffix = ROLE_SUFFIX[role];
    if (fileName.length > suffix.length && fileName.endsWith(suffix)) {
      return { prefix: fileName.slice(0, -suffix.length), role };
    }
  }
  return undefined;
}

/** The expected file name for a role, e.g. `expectedName('acme', 'icon')` → `acme-icon.svg`. */
export function expectedName(prefix: string, role: ArtifactRole): string {
  return `${prefix}${ROLE_SUFFIX[role]}`;
}

/** True for a `.txt` or `.svg` file name (the artifact files that are not the spec). */
export function isTextOrSvg(fileName: string): boolean {
  return /\.(txt|svg)$/i.test(fileName);
}

/**
 * Whether a folder is an artifacts folder: it is named `Artifacts`, or it holds a `{source}-connectionSpec.json`
 * together with at least one `{x}-category|description|label.txt` or `{x}-icon.svg` file.
 */
export function isArtifactsFolder(folderName: string, fileNames: readonly string[]): boolean {
  if (folderName === 'Artifacts') return true;
  const parsed = fileNames.map(parseArtifactName);
  return parsed.some((p) => p?.role === 'connectionSpec') && parsed.some((p) => p !== undefined && p.role !== 'connectionSpec');
}

/**
 * The `{source}` of a folder: the connection spec's prefix; otherwise the prefix most artifact files share;
 * otherwise the parent folder's name (`Sources/{source}/Artifacts`).
 */
export function sourcePrefix(fileNames: readonly string[], parentFolderName?: string): string | undefined {
  const parsed = fileNames.map(parseArtifactName).filter((p): p is ArtifactName => p !== undefined);
  const spec = parsed.find((p) => p.role === 'connectionSpec');
  if (spec) return spec.prefix;
  const counts = new Map<string, number>();
  for (const p of parsed) counts.set(p.prefix, (counts.get(p.prefix) ?? 0) + 1);
  let best: string | undefined;
  for (const [prefix, count] of counts) if (best === undefined || count > (counts.get(best) ?? 0)) best = prefix;
  return best ?? parentFolderName;
}

/** Artifact files larger than this are reported as too large and not read (an icon or a label is a few KiB). */
export const MAX_ARTIFACT_BYTES = 2 * 1024 * 1024;
