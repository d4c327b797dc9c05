// Profiles one path of bench/outcomeUpload.ts (repository | api | cli) with the inspector, only
// around the timed part, and writes a .cpuprofile: the set-up's screenings are not in it.
// Usage: npx tsx bench/profileOutcomeUpload.ts --path api --n 20000 [--chunk 2000] --out /tmp/api.cpuprofile
import { copyFileSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHUNK, extract, storeScreenings, upload, type UploadPath } from './lib/outcomeUploadPaths.js';

const arg = (name: string, dflt: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : dflt;
};
const n = Number(arg('n', '20000'));
const which = arg('path', 'repository') as UploadPath;
const chunk = Number(arg('chunk', String(CHUNK)));
const out = arg('out', `/tmp/${which}.cpuprofile`);
const dir = mkdtempSync(join(tmpdir(), 'prof-outcomes-'));
const records = extract(n);
// The screened database of this N is kept between runs: storing it is what takes long.
const cache = join(tmpdir(), `prof-outcomes-screened-${n}.sqlite`);
if (!existsSync(cache)) {
  const path = join(dir, 'screened.sqlite');
  await storeScreenings(path, records);
  copyFileSync(path, cache);
}
const path = join(dir, 'db.sqlite');
copyFileSync(cache, path);
const session = new Session();
session.connect();
await session.post('Profiler.enable');
await session.post('Profiler.setSamplingInterval', { interval: 200 });
let t = 0;
let s = 0;
let profile: unknown;
await upload(
  which,
  path,
  dir,
  records,
  {
    begin: async () => {
      t = performance.now();
      await session.post('Profiler.start');
    },
    end: async () => {
      ({ profile } = await session.post('Profiler.stop'));
      s = (performance.now() - t) / 1000;
    },
  },
  chunk,
);
writeFileSync(out, JSON.stringify(profile));
console.log(`${which}: ${n} rows in ${s.toFixed(2)} s under the profiler (${Math.round(n / s)} rows/s); profile in ${out}`);
rmSync(dir, { recursive: true, force: true });
