/** How many generated inputs each property gets: a small sample in `npm test`, the full run in `npm run fuzz`. */
export function fuzzRuns(sample = 200): number {
  const fromEnv = Number(process.env.FUZZ_RUNS);
  return Number.isInteger(fromEnv) && fromEnv > 0 ? fromEnv : sample;
}
