/**
 * Runs the bundled Flow Service emulator inside the extension host on demand (127.0.0.1, any free port, data in the
 * extension's global storage), or points at an already-running one (`sourcesSdk.localEmulator.url` or env
 * `SOURCES_SDK_EMULATOR_URL`).
 */
import * as vscode from 'vscode';
import { startEmulator } from '../emulator/emulator';
import { LOCAL_EMULATOR_CLIENT_ID, LOCAL_EMULATOR_CLIENT_SECRET, externalEmulatorUrl } from './environments';
import { readSetting } from './settings';

type RunningEmulator = Awaited<ReturnType<typeof startEmulator>>;

export class EmulatorHost implements vscode.Disposable {
  private running: RunningEmulator | undefined;
  private starting: Promise<string> | undefined;
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires when the emulator starts or stops. */
  readonly onDidChange = this.changed.event;

  constructor(private readonly storageUri: vscode.Uri, private readonly log: vscode.LogOutputChannel) {}

  /** The URL of the emulator to use without starting anything: external one, or the bundled one if running. */
  currentUrl(): string | undefined {
    return this.externalUrl() ?? this.running?.url;
  }

  externalUrl(): string | undefined {
    return externalEmulatorUrl(readSetting('localEmulator.url'), process.env.SOURCES_SDK_EMULATOR_URL);
  }

  /** Starts the bundled emulator unless an external one is configured; concurrent callers share one start. */
  async ensureRunning(): Promise<{ url: string; external: boolean }> {
    const external = this.externalUrl();
    if (external) return { url: external, external: true };
    if (this.running) return { url: this.running.url, external: false };
    this.starting ??= this.start().finally(() => { this.starting = undefined; });
    return { url: await this.starting, external: false };
  }

  private async start(): Promise<string> {
    const dataDir = vscode.Uri.joinPath(this.storageUri, 'emulator');
    await vscode.workspace.fs.createDirectory(dataDir);
    this.running = await startEmulator({
      port: 0,
      host: '127.0.0.1',
      dataDir: dataDir.fsPath,
      clientId: LOCAL_EMULATOR_CLIENT_ID,
      clientSecret: LOCAL_EMULATOR_CLIENT_SECRET,
      seed: true,
      log: (line) => this.log.trace(`[emulator] ${line}`),
    });
    this.log.info(`Local emulator listening on ${this.running.url} (data in ${dataDir.fsPath})`);
    this.changed.fire();
    return this.running.url;
  }

  /** Stops the bundled emulator; returns false when none was running. */
  async stop(): Promise<boolean> {
    if (this.starting) await this.starting.catch(() => undefined);
    const running = this.running;
    if (!running) return false;
    this.running = undefined;
    await running.close();
    this.log.info('Local emulator stopped');
    this.changed.fire();
    return true;
  }

  dispose(): void {
    void this.stop();
    this.changed.dispose();
  }
}
