// The root action (`uses: <owner>/shipshape@v1` with `command:`) runs the very same committed bundle as
// the sub-action. The runner has set INPUT_* for the union of inputs; this fills in the chosen command's
// own defaults where the actions disagree (root-action/defaults.json, generated), then loads its bundle.
import { readFileSync } from 'node:fs';

const COMMANDS = ['plan-lint', 'changelog-release', 'deploy-guard', 'deploy-notify'];
const command = (process.env.INPUT_COMMAND ?? '').trim();
if (!COMMANDS.includes(command)) {
  const got = JSON.stringify(command.slice(0, 60).replace(/[\r\n]/g, ' '));
  process.stdout.write(`::error::Input 'command' is invalid: expected one of ${COMMANDS.map((c) => `'${c}'`).join(', ')}, got ${got}.\n`);
  process.exit(1);
}
const defaults = JSON.parse(readFileSync(new URL('./defaults.json', import.meta.url), 'utf8'))[command] ?? {};
for (const [name, value] of Object.entries(defaults)) {
  const key = `INPUT_${name.replace(/ /g, '_').toUpperCase()}`;
  if ((process.env[key] ?? '') === '') process.env[key] = value;
}
await import(new URL(`../actions/${command}/dist/index.js`, import.meta.url).href);
