/** Read access to the checked-out workspace, passed in so tests use a map of files. */
export interface WorkspaceFiles {
  readText(path: string): string | undefined;
  /** The sub-directories of a directory (names only; `''` is the repository root); empty when it does not exist. */
  listDirectories(path: string): string[];
}
