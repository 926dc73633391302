/** What a CLI command may touch, passed in so tests call commands in-process with fakes. */
export interface CliIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: Record<string, string | undefined>;
  cwd: string;
  /** For commands that talk to a service (notify send); defaults to global fetch. */
  fetch?: typeof fetch;
  /** Asks the user a question at a terminal and returns the answer; absent when stdin is not a terminal. */
  ask?: (question: string) => Promise<string>;
}

/** Exit codes shared by every subcommand. */
export const EXIT = { ok: 0, checkFailed: 1, usage: 2 } as const;

/** A subcommand: parses its own argv (after the subcommand name) and returns the exit code. */
export interface CliCommand {
  name: string;
  summary: string;
  /** Full help text for `shipshape <name> --help`. */
  help: string;
  run(argv: string[], io: CliIO): Promise<number>;
}
