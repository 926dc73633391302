// The pure half of @shipshape/kit: errors, inputs, ports, safe text. Nothing here touches the runner, the file
// system or process.env; that half is '@shipshape/kit/action', which only an action's main.ts and run.ts import.
export * from './errors';
export * from './inputs';
export * from './ports';
export * from './safe-text';
export * from './summary-text';
export type { Environment, RunnerContext } from './runner-context';
export type { InputFiles, WorkspaceReader, WorkspaceReadOptions } from './workspace';
