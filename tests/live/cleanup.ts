/**
 * What a live-contract run created, and how to undo each thing. Entries are registered the moment a thing exists
 * (or, for what an action creates, before the action runs), and `run()` undoes them newest first in afterAll,
 * whether the scenarios passed or not. One failed undo does not stop the others: the report lists every failure,
 * so a person can remove by hand exactly what is left.
 */

export interface CleanupFailure {
  what: string;
  error: string;
}

export interface CleanupReport {
  undone: string[];
  failures: CleanupFailure[];
}

interface Entry {
  what: string;
  undo: () => Promise<void>;
}

export class CleanupRegistry {
  private entries: Entry[] = [];

  /** `what` names the thing for the report (e.g. "tag refs/tags/shipshape-live-ab12-v1.2.3"). */
  add(what: string, undo: () => Promise<void>): void {
    this.entries.push({ what, undo });
  }

  get pending(): readonly string[] {
    return this.entries.map((e) => e.what);
  }

  /** Undoes everything registered, newest first; each entry runs once, even if run() is called again. */
  async run(): Promise<CleanupReport> {
    const report: CleanupReport = { undone: [], failures: [] };
    while (this.entries.length > 0) {
      const entry = this.entries.pop() as Entry;
      try {
        await entry.undo();
        report.undone.push(entry.what);
      } catch (error) {
        report.failures.push({ what: entry.what, error: error instanceof Error ? error.message : String(error) });
      }
    }
    return report;
  }
}

/** The report as one message for a failed afterAll: what is left in the repository, and why. */
export function describeFailures(report: CleanupReport): string {
  return `live contract cleanup: ${report.failures.length} thing(s) could not be removed; remove them by hand:\n${report.failures.map((f) => `- ${f.what}: ${f.error}`).join('\n')}`;
}
