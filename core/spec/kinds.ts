/**
 * The one table of spec kinds. Everything that needs to know what a "connection spec" or a "flow spec" is — its
 * Flow Service resource path, the editor language id, the file suffixes, how to call it in a message, its JSON
 * Schema and the emulator route — reads it from here, so adding a property or renaming a label happens once.
 * Pure data and lookups: no vscode import, no schema objects (core/schemas.ts maps a kind to its bundled schema, so
 * front ends that only need names do not bundle the schemas).
 */

/** The two spec kinds the tools edit and sync. */
export type SpecKind = 'connectionSpec' | 'flowSpec';

/** Flow Service collection of a kind (`/connectionSpecs`, `/flowSpecs`). */
export type SpecResource = 'connectionSpecs' | 'flowSpecs';

/** Everything the tools know about one spec kind. */
export interface SpecKindInfo {
  kind: SpecKind;
  /** Collection path segment below `/data/foundation/flowservice`. */
  resource: SpecResource;
  /** Language id contributed by the extension (package.json `contributes.languages`). */
  languageId: string;
  /** File name endings that make a file this kind (case-insensitive). The first is the one new files get. */
  fileSuffixes: readonly string[];
  /** Lower-case label for sentences: "connection spec". */
  label: string;
  /** Plural title for lists and tree groups: "Connection specs". */
  pluralTitle: string;
  /** Spelling of the kind on the CLI (`sources-sdk pull connection-spec …`). */
  cliName: string;
  /** `$id`-style URI the bundled schema is registered under, and its file below `schemas/`. */
  schema: { uri: string; file: string };
  /** Route of the collection in the emulator (same path as the platform, below the Flow Service base path). */
  emulatorRoute: string;
}

/** The table itself, keyed by kind. */
export const SPEC_KINDS: Readonly<Record<SpecKind, SpecKindInfo>> = {
  connectionSpec: {
    kind: 'connectionSpec',
    resource: 'connectionSpecs',
    languageId: 'sources-sdk-connection-spec',
    fileSuffixes: ['-connectionSpec.json', '.connectionSpec.json'],
    label: 'connection spec',
    pluralTitle: 'Connection specs',
    cliName: 'connection-spec',
    schema: { uri: 'https://json.schemastore.org/sources-sdk-connection-spec.json', file: 'connection-spec.schema.json' },
    emulatorRoute: '/connectionSpecs',
  },
  flowSpec: {
    kind: 'flowSpec',
    resource: 'flowSpecs',
    languageId: 'sources-sdk-flow-spec',
    fileSuffixes: ['-flowSpec.json', '.flowSpec.json'],
    label: 'flow spec',
    pluralTitle: 'Flow specs',
    cliName: 'flow-spec',
    schema: { uri: 'https://json.schemastore.org/sources-sdk-flow-spec.json', file: 'flow-spec.schema.json' },
    emulatorRoute: '/flowSpecs',
  },
};

/** The kinds in display order (connection specs first). */
export const SPEC_KIND_LIST: readonly SpecKindInfo[] = [SPEC_KINDS.connectionSpec, SPEC_KINDS.flowSpec];

/** Every resource path, in display order. */
export const SPEC_RESOURCES: readonly SpecResource[] = SPEC_KIND_LIST.map((k) => k.resource);

/** Every language id the extension contributes. */
export const SPEC_LANGUAGE_IDS: readonly string[] = SPEC_KIND_LIST.map((k) => k.languageId);

/** The table row of a kind. */
export function kindInfo(kind: SpecKind): SpecKindInfo {
  return SPEC_KINDS[kind];
}

/** The table row of a resource path. */
export function kindInfoOfResource(resource: SpecResource): SpecKindInfo {
  return resource === 'connectionSpecs' ? SPEC_KINDS.connectionSpec : SPEC_KINDS.flowSpec;
}

/** True for `connectionSpecs` / `flowSpecs` (argument checks of commands that receive untyped values). */
export function isSpecResource(value: unknown): value is SpecResource {
  return value === 'connectionSpecs' || value === 'flowSpecs';
}

/** The kind of one of our language ids; undefined for any other language (plain `json` included). */
export function kindOfLanguage(languageId: string): SpecKind | undefined {
  return SPEC_KIND_LIST.find((k) => k.languageId === languageId)?.kind;
}

/** The kind a file name implies through its suffix (`*-connectionSpec.json`, `*.flowSpec.json`, any case). */
export function kindOfFileName(path: string): SpecKind | undefined {
  const base = path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1).toLowerCase();
  return SPEC_KIND_LIST.find((k) => k.fileSuffixes.some((suffix) => base.endsWith(suffix.toLowerCase())))?.kind;
}

/** A kind from a CLI argument (`connection-spec`, `connectionSpec`, `flowspecs`, …); undefined when unknown. */
export function kindOfArgument(argument: string): SpecKind | undefined {
  const normalized = argument.toLowerCase().replace(/[^a-z]/g, '');
  return SPEC_KIND_LIST.find((k) => normalized === k.kind.toLowerCase() || normalized === k.resource.toLowerCase())?.kind;
}

/** A safe default file name for a spec called `name`: `<name with safe characters>-connectionSpec.json`. */
export function defaultSpecFileName(name: string, kind: SpecKind): string {
  const safe = name.trim().replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '') || 'spec';
  return `${safe}${SPEC_KINDS[kind].fileSuffixes[0]}`;
}

/** Glob of every spec file (`**\/*{-,.}{connectionSpec,flowSpec}.json`), for file watchers and searches. */
export const SPEC_FILE_GLOB = '**/*{-,.}{connectionSpec,flowSpec}.json';
