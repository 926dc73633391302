/**
 * What the checker knows of our actions: every input (required or not, defaulted or not) and every output, as their
 * action.yml files declare them. The CLI gets CATALOG (catalog.generated.ts, generated from the action.yml files) in
 * its bundle; tests may pass another catalog.
 */

export interface InputSpec {
  required: boolean;
  hasDefault: boolean;
}

export interface ActionSpec {
  inputs: Record<string, InputSpec>;
  outputs: string[];
}

export interface Catalog {
  /** By action name (`deploy-guard`), as in `uses: <owner>/shipshape/actions/<name>@<ref>`. */
  actions: Record<string, ActionSpec>;
  /** Inputs only the root action (`uses: <owner>/shipshape@<ref>`) declares: `command`, `github-token`. */
  rootInputs: Record<string, InputSpec>;
}
