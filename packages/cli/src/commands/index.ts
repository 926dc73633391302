import type { DeclaredCommand } from '../command';
import { changelogCommand } from './changelog';
import { checkWorkflowsCommand } from './check-workflows';
import { initCommand } from './init';
import { mergeGateCommand } from './merge-gate';
import { notifyCommand } from './notify';
import { planLintCommand } from './plan';
import { windowCommand } from './window';

/** Every `shipshape` subcommand, in the order `--help` lists them. One line per command file. */
export const allCommands: readonly DeclaredCommand[] = [
  changelogCommand,
  windowCommand,
  planLintCommand,
  notifyCommand,
  mergeGateCommand,
  checkWorkflowsCommand,
  initCommand,
];
