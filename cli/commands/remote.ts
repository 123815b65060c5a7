/**
 * `sources-sdk pull | push | diff | register | promote`: sync spec files with the Flow Service (or the local emulator).
 * Configuration comes from flags or `SOURCES_SDK_*` variables; the client secret only from
 * `SOURCES_SDK_CLIENT_SECRET`. Exit codes: 0 ok, 1 refused / different / remote error, 2 usage, config or I/O.
 */
import type { Command } from 'commander';
import type { CliIO } from '../io';
import { runDiff, runRegister } from '../remote/diffRegister';
import { runPull, runPush } from '../remote/pullPush';
import { runPromote } from '../remote/promote';

/** Adds the flags every command that talks to the Flow Service takes. */
export function addConnectionOptions(command: Command): Command {
  return command
    .option('--platform-url <url>', 'gateway root (env SOURCES_SDK_PLATFORM_URL, default https://platform.adobe.io)')
    .option('--ims-url <url>', 'IMS root (env SOURCES_SDK_IMS_URL, default https://ims-na1.adobelogin.com)')
    .option('--org-id <id>', 'IMS org id …@AdobeOrg (env SOURCES_SDK_ORG_ID)')
    .option('--client-id <id>', 'Developer Console client id / API key (env SOURCES_SDK_CLIENT_ID); the secret is read from SOURCES_SDK_CLIENT_SECRET only')
    .option('--sandbox <name>', 'sandbox name (env SOURCES_SDK_SANDBOX, default prod)')
    .option('--scopes <list>', 'comma-separated OAuth scopes (env SOURCES_SDK_SCOPES)')
    .option('--workspace <dir>', 'workspace root holding .sources-sdk/links.json (default: current directory)')
    .option('--timeout <seconds>', 'per-request timeout (default 30)')
    .option('-v, --verbose', 'log every HTTP exchange to stderr (secrets redacted)');
}

/** Registers the remote commands. `setExit` raises the process exit code (the highest value wins). */
export function registerRemoteCommands(program: Command, setExit: (code: number) => void, io: CliIO): void {
  addConnectionOptions(
    program
      .command('pull')
      .description('Fetch a connection or flow spec (by id or exact name) as an authoring file.')
      .argument('<kind>', 'connection-spec or flow-spec')
      .argument('<idOrName>', 'spec id or exact name')
      .option('-o, --output <file>', 'write to this file (atomically) and link it; default: print to stdout')
      .option('--force', 'overwrite an existing file that differs'),
  ).action(async (kind: string, idOrName: string, flags) => setExit(await runPull(kind, idOrName, flags, io)));

  addConnectionOptions(
    program
      .command('push')
      .description('Create or update the remote specs of local files; refuses when the remote changed since the last sync.')
      .argument('<files...>', 'spec files')
      .option('--force', 'overwrite remote changes / adopt a same-named remote spec')
      .option('--adopt', 'update an unlinked remote spec with the same name (keeps change detection otherwise)')
      .option('--concurrency <n>', 'files pushed at once (default 8)')
      .option('--no-validate', 'push even when the validator reports errors'),
  ).action(async (files: string[], flags) => setExit(await runPush(files, flags, io)));

  addConnectionOptions(
    program
      .command('diff')
      .description('Compare local files with their remote specs (exit 0 all same, 1 any different).')
      .argument('<files...>', 'spec files')
      .option('--unified', 'print a unified diff for files that differ')
      .option('--concurrency <n>', 'files compared at once (default 8)'),
  ).action(async (files: string[], flags) => setExit(await runDiff(files, flags, io)));

  addConnectionOptions(
    program
      .command('register')
      .description('Append a connection spec id to its flow spec (RestStorageToAEP or GenericStreamingAEP by type), never removing ids.')
      .argument('<connectionSpec>', 'connection spec id, name, or spec file (linked or matched by name)')
      .option('--flow-spec <idOrName>', 'flow spec to register in (default chosen from the connection spec type)')
      .option('--dry-run', 'show the change without sending it'),
  ).action(async (target: string, flags) => setExit(await runRegister(target, flags, io)));

  addConnectionOptions(
    program
      .command('promote')
      .description('Copy a spec from one sandbox to another (create or update, then register in the target\'s flow spec); prints the diff first and refuses when the target changed since the last sync.')
      .argument('<file>', 'spec file: its link in the source sandbox, else its exact name, identifies the spec')
      .option('--from-sandbox <name>', 'source sandbox (default --sandbox / SOURCES_SDK_SANDBOX)')
      .requiredOption('--to-sandbox <name>', 'target sandbox')
      .option('--from-env <platform>', 'platform of the source: prod, stage or a gateway URL (default --platform-url)')
      .option('--to-env <platform>', 'platform of the target: prod, stage or a gateway URL (default --platform-url)')
      .option('--flow-spec <idOrName>', 'target flow spec to register in (default: where the source sandbox registers it, else by type)')
      .option('--yes', 'confirm a production target without being asked (CI)')
      .option('--force', 'overwrite a target changed since the last sync / adopt a same-named target spec')
      .option('--adopt', 'update an unlinked target spec with the same name')
      .option('--dry-run', 'print the plan and the diff, change nothing'),
  ).action(async (file: string, flags) => setExit(await runPromote(file, flags, io)));
}
