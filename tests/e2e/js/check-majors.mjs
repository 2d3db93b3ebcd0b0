// The JS suite tracks the Azure SDK majors users install today: every package pinned in package.json
// may be at most one major behind npm's latest. Two modes (README.md "Keeping the SDKs current"):
//   node check-majors.mjs --record   (`npm run refresh`, after the lockfile is regenerated): asks the
//       registry for each package's latest version, writes npm-latest.json (those versions, the time,
//       and the lockfile's sha256) and fails if a pin is more than one major behind. The registry must
//       answer: a refresh without it is refused.
//   node check-majors.mjs            (js_sdk_test.sh, CI): asks the registry when it answers and fails
//       on a pin more than one major behind. When it does not answer, the run does not fail for that: it
//       prints a loud warning and checks the record instead — npm-latest.json must describe the
//       committed lockfile (a lockfile refreshed without `npm run refresh` fails) and show every pin
//       within one major of the latest seen at that refresh.
import { createHash } from 'node:crypto';
import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { promisify } from 'node:util';

const here = new URL('.', import.meta.url).pathname;
const record = `${here}npm-latest.json`;
const pins = JSON.parse(readFileSync(`${here}package.json`, 'utf8')).dependencies;
const lockSha = createHash('sha256').update(readFileSync(`${here}package-lock.json`)).digest('hex');
const recordMode = process.argv.includes('--record');
const major = (v) => Number(String(v).split('.')[0]);

// latest(pkg): npm's `latest` dist-tag, or null when the registry does not answer within the time limit.
async function latest(pkg) {
  try {
    const { stdout } = await promisify(execFile)('npm',
      ['view', pkg, 'version', '--fetch-retries=0', '--fetch-timeout=15000'], { timeout: 30000 });
    return stdout.trim() || null;
  } catch {
    return null;
  }
}

// behind(versions): the pins more than one major behind the given latest versions, as messages.
function behind(versions) {
  return Object.entries(pins)
    .filter(([pkg, pin]) => versions[pkg] && major(versions[pkg]) - major(pin) > 1)
    .map(([pkg, pin]) => `${pkg} is pinned at ${pin}, npm's latest is ${versions[pkg]} (more than one major behind)`);
}

function loud(lines) {
  const bar = '#'.repeat(100);
  console.error([bar, ...lines.map((l) => `# ${l}`), bar].join('\n'));
}

const live = {};
for (const pkg of Object.keys(pins)) {
  const v = await latest(pkg);
  if (!v) break;
  live[pkg] = v;
}
const reachable = Object.keys(live).length === Object.keys(pins).length;

if (recordMode) {
  if (!reachable) {
    loud(['check-majors: the npm registry did not answer; a refresh needs it (nothing recorded).']);
    process.exit(2);
  }
  writeFileSync(record, `${JSON.stringify({ checkedAt: new Date().toISOString(), lockfileSha256: lockSha, latest: live }, null, 2)}\n`);
}

// The record must describe the committed lockfile in every mode: a lockfile changed by hand (npm install
// PKG) rather than by `npm run refresh` skipped this check.
let saved;
try {
  saved = JSON.parse(readFileSync(record, 'utf8'));
} catch {
  saved = null;
}
const problems = [];
if (!saved) problems.push('npm-latest.json is missing: run `npm run refresh` with the registry reachable');
else if (saved.lockfileSha256 !== lockSha)
  problems.push('package-lock.json changed since npm-latest.json was recorded: refresh it with `npm run refresh`');

if (reachable) {
  problems.push(...behind(live));
  console.log(`check-majors: live npm registry: ${Object.entries(live).map(([p, v]) => `${p} ${pins[p]} (latest ${v})`).join(', ')}`);
} else {
  loud(['WARNING: check-majors could not reach the npm registry: the LIVE check that pinned Azure SDKs are at most',
    'one major behind npm\'s latest was SKIPPED. Checking the record of the last `npm run refresh` instead',
    `(npm-latest.json${saved ? `, checked ${saved.checkedAt}` : ', missing'}).`]);
  if (saved) {
    for (const pkg of Object.keys(pins))
      if (!saved.latest?.[pkg]) problems.push(`npm-latest.json has no entry for ${pkg}: run \`npm run refresh\``);
    problems.push(...behind(saved.latest ?? {}));
  }
}

if (problems.length) {
  loud(['check-majors FAILED:', ...problems]);
  process.exit(1);
}
console.log(`check-majors: ok (${Object.keys(pins).length} pins within one major of npm's latest)`);
