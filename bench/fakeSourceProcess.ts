/**
 * The fake source in a process of its own for `npm run bench`, so the engine's memory figure is the engine's:
 * prints `listening on <url>` and serves until stdin closes (the bench ends it with the pipe).
 */
import { startFakeSource } from '../test/helpers/fakeSource';

const [pages, perPage] = process.argv.slice(2).map(Number);
void startFakeSource({ bulk: { pages, perPage }, record: false }).then((source) => {
  process.stdout.write(`listening on ${source.url}\n`);
  process.stdin.resume();
  process.stdin.on('end', () => void source.close().then(() => process.exit(0)));
});
