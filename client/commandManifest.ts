/**
 * Turns the command table (client/commandTable.ts) into `package.json`'s `contributes.commands` and
 * `contributes.menus`. `npm run manifest` writes the result; test/unit/commandTable.test.ts fails when package.json
 * differs. Pure (no `vscode` import).
 *
 * The guards are decided here once, so no menu entry can forget them:
 * - a command the browser flavour does not offer shows only where Node runs (`!isWeb || sourcesSdk.nodeHost`), except
 *   in the Flow Service view's own menus: the view is hidden in the browser with its actions;
 * - a command that needs trust shows only in a trusted workspace, and with `trust: 'required'` is also disabled there.
 */
import {
  COMMAND_CATEGORY, COMMANDS, MENUS, NODE_ONLY_WHEN, TRUSTED_WHEN, type CommandRow, type MenuId,
} from './commandTable';

/** One `contributes.commands` entry. */
export interface CommandContribution {
  command: string;
  title: string;
  category: string;
  icon?: string;
  enablement?: string;
}

/** One `contributes.menus` entry. */
export interface MenuContribution {
  command: string;
  when?: string;
  group?: string;
}

/** The two generated sections, in package.json's key order. */
export interface CommandContributions {
  commands: CommandContribution[];
  menus: Record<'commandPalette' | MenuId, MenuContribution[]>;
}

/** Menus that belong to the Flow Service view (hidden with the view, so no Node guard of their own). */
const VIEW_MENUS: ReadonlySet<MenuId> = new Set(['view/title', 'view/item/context']);

/** `a && b && c`, with the Node guard (an `||`) parenthesised when it is not alone. */
function joinWhen(parts: ReadonlyArray<string | undefined>): string | undefined {
  const present = parts.filter((p): p is string => Boolean(p));
  if (present.length === 0) return undefined;
  if (present.length === 1) return present[0];
  return present.map((p) => (p === NODE_ONLY_WHEN ? `(${p})` : p)).join(' && ');
}

function guards(row: CommandRow): { node?: string; trust?: string } {
  return { node: row.browser === 'offered' ? undefined : NODE_ONLY_WHEN, trust: row.trust ? TRUSTED_WHEN : undefined };
}

function commandContribution(row: CommandRow): CommandContribution {
  return {
    command: row.id,
    title: row.title,
    category: COMMAND_CATEGORY,
    ...(row.icon ? { icon: `$(${row.icon})` } : {}),
    ...(row.trust === 'required' ? { enablement: TRUSTED_WHEN } : {}),
  };
}

/** The palette entry of a row, if it needs one (a command shown everywhere, in every flavour, needs none). */
function paletteEntry(row: CommandRow): MenuContribution | undefined {
  if (row.palette === false) return { command: row.id, when: 'false' };
  const { node, trust } = guards(row);
  const when = joinWhen([node, trust, row.palette]);
  return when ? { command: row.id, when } : undefined;
}

function menuEntries(row: CommandRow, menu: MenuId): MenuContribution[] {
  const { node, trust } = guards(row);
  return (row.menus?.[menu] ?? []).map((placement) => ({
    command: row.id,
    when: VIEW_MENUS.has(menu) ? joinWhen([placement.when, trust]) : joinWhen([node, trust, placement.when]),
    group: placement.group,
  }));
}

/** The contributions the table stands for, rows in table order within each menu. */
export function commandContributions(rows: readonly CommandRow[] = COMMANDS): CommandContributions {
  const menus = { commandPalette: rows.flatMap((row) => paletteEntry(row) ?? []) } as CommandContributions['menus'];
  for (const menu of MENUS) menus[menu] = rows.flatMap((row) => menuEntries(row, menu));
  return { commands: rows.map(commandContribution), menus };
}

/**
 * `package.json`'s text with the generated sections in place (everything else untouched, same formatting).
 * Throws when the manifest has no `contributes` object.
 */
export function withCommandContributions(manifestText: string, rows: readonly CommandRow[] = COMMANDS): string {
  const manifest = JSON.parse(manifestText) as { contributes?: Record<string, unknown> };
  if (!manifest.contributes || typeof manifest.contributes !== 'object') throw new Error('package.json has no "contributes" object');
  const { commands, menus } = commandContributions(rows);
  manifest.contributes.commands = commands;
  manifest.contributes.menus = menus;
  return `${JSON.stringify(manifest, null, 2)}\n`;
}
