import type { CliCommand } from '../io';
import { changelogCommand } from './changelog';
import { windowCommand } from './window';

/** Every `shipshape` subcommand, in the order `--help` lists them. One line per command file. */
export const allCommands: readonly CliCommand[] = [
  changelogCommand,
  windowCommand,
];
