import { appendFileSync, writeSync } from 'node:fs';
import { EOL } from 'node:os';

/**
 * The GitHub runner's side of the protocol an action speaks: workflow commands on stdout and file
 * commands (GITHUB_OUTPUT, GITHUB_STATE, GITHUB_ENV, GITHUB_STEP_SUMMARY).
 *
 * Why not @actions/core: version 3 imports @actions/http-client (for OIDC tokens we never request), which
 * pulls undici into every bundle, most of an action's bundle when it only logs and writes outputs (docs/performance.md,
 * row 1). This module implements the same documented
 * escaping rules (see docs "Workflow commands for GitHub Actions") in a few lines.
 */

type Properties = Record<string, string | number | undefined>;

const escapeData = (s: string): string => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProperty = (s: string): string => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

export function formatCommand(command: string, properties: Properties, message: string): string {
  const props = Object.entries(properties)
    .filter(([, v]) => v !== undefined && v !== '')
    .map(([k, v]) => `${k}=${escapeProperty(String(v))}`)
    .join(',');
  return `::${command}${props ? ` ${props}` : ''}::${escapeData(message)}`;
}

let viaStream = false;

/**
 * Writes to the job log. fs.writeSync on fd 1 rather than process.stdout: the first use of process.stdout builds a
 * stream over the runner's pipe (node:net and the stream machinery; docs/performance.md, row 8),
 * while every line the kit prints is small and must stay in order anyway. Should a write fail (a full non-blocking
 * pipe, a closed reader), the rest of it and everything after go through process.stdout, which knows how to wait
 * or report.
 */
export function writeLog(text: string): void {
  if (viaStream) {
    process.stdout.write(text);
    return;
  }
  const bytes = Buffer.from(text, 'utf8');
  let offset = 0;
  try {
    while (offset < bytes.length) offset += writeSync(1, bytes, offset);
  } catch {
    viaStream = true;
    process.stdout.write(bytes.subarray(offset));
  }
}

export function issueCommand(command: string, properties: Properties, message: string): void {
  writeLog(formatCommand(command, properties, message) + EOL);
}

/** 32 random hex digits in the 8-4-4-4-12 shape of a UUID (the runner's own delimiters look like this). */
function randomDelimiterId(): string {
  let hex = '';
  while (hex.length < 32)
    hex += Math.floor(Math.random() * 0x1_0000_0000)
      .toString(16)
      .padStart(8, '0');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/**
 * `name<<DELIM` heredoc as the runner reads it. The value cannot end the heredoc early because the delimiter is
 * chosen so that it occurs in neither the name nor the value (a new one is drawn until it does not), so safety
 * does not rest on the delimiter being unguessable: Math.random is enough, and node:crypto (docs/performance.md,
 * row 9) stays unloaded on runs that make no HTTPS request.
 */
export function formatFileCommandValue(name: string, value: string): string {
  let delimiter = `ghadelimiter_${randomDelimiterId()}`;
  while (name.includes(delimiter) || value.includes(delimiter)) delimiter = `ghadelimiter_${randomDelimiterId()}`;
  return `${name}<<${delimiter}${EOL}${value}${EOL}${delimiter}${EOL}`;
}

function appendFileCommand(
  variable: 'GITHUB_OUTPUT' | 'GITHUB_STATE' | 'GITHUB_ENV',
  name: string,
  value: string,
): boolean {
  const file = process.env[variable];
  if (!file) return false;
  appendFileSync(file, formatFileCommandValue(name, value), 'utf8');
  return true;
}

export function setOutput(name: string, value: string): void {
  if (!appendFileCommand('GITHUB_OUTPUT', name, value)) {
    // Very old runners without GITHUB_OUTPUT: the deprecated command is the only way left.
    writeLog(EOL);
    issueCommand('set-output', { name }, value);
  }
}

export function saveState(name: string, value: string): void {
  if (!appendFileCommand('GITHUB_STATE', name, value)) issueCommand('save-state', { name }, value);
}

export function getState(name: string): string {
  return process.env[`STATE_${name}`] ?? '';
}

export function setSecret(value: string): void {
  issueCommand('add-mask', {}, value);
}

export function isDebug(): boolean {
  return process.env.RUNNER_DEBUG === '1';
}

export function appendSummary(markdown: string): void {
  const file = process.env.GITHUB_STEP_SUMMARY;
  if (!file) return;
  appendFileSync(file, markdown.endsWith('\n') ? markdown : `${markdown}\n`, 'utf8');
}

export function setFailed(message: string): void {
  process.exitCode = 1;
  issueCommand('error', {}, message);
}
