import type { Outline } from './outline';
import { plainText } from './plain-text';

const WIP_TITLE = /^\s*(?:\[\s*wip\s*\]|wip\s*:)/i;
const WIP_BODY = 'work in progress, do not merge';

/** Why a PR is work in progress (a `[WIP]` / `WIP:` title, or a body that opens with the house phrase), if it is. */
export function wipReason(title: string, outline: Outline | undefined): string | undefined {
  if (WIP_TITLE.test(title)) return 'the title starts with a WIP marker';
  const first = outline?.entries.find((entry) => entry.kind === 'content');
  const firstLine =
    first?.kind === 'content' && outline?.entries[0] === first
      ? plainText(first.nodes.slice(0, 1)).lines[0]
      : undefined;
  if (firstLine !== undefined && firstLine.toLowerCase().replace(/\s+/g, ' ').startsWith(WIP_BODY)) {
    return 'the description starts with "Work In Progress, do not merge"';
  }
  return undefined;
}
