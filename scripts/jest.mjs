// `npm test` (and fuzz, security, test:live): Jest, with colour decided before Jest loads.
// Jest's colour library reads the environment once, when it is first imported, and sends what it decided to its
// workers, so this is the one place where NO_COLOR and CI can still turn colour off: with NO_COLOR set (any
// non-empty value, https://no-color.org), or under CI (set, and not "false" or "0") unless FORCE_COLOR asks for
// colour explicitly, Jest's output and every test's worker output carry no ANSI escape codes.
const { CI, FORCE_COLOR, NO_COLOR } = process.env;
const underCi = CI !== undefined && CI !== '' && CI !== 'false' && CI !== '0';
if ((NO_COLOR !== undefined && NO_COLOR !== '') || (underCi && FORCE_COLOR === undefined)) {
  process.env.FORCE_COLOR = '0';
}

await import('../node_modules/jest/bin/jest.js');
