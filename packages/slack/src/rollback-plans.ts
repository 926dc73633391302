import {
  blocksTextLength,
  blockTextLength,
  context,
  cutMrkdwn,
  LIMITS,
  section,
  truncateChars,
  type Block,
} from './blocks';
import { escapeMrkdwn, mrkdwnLink } from './escape';

/** One section of a pull request's plan as plan-lint reads it: its name and its plain-text lines. */
export interface PlanSection {
  name: string;
  lines: readonly string[];
}

/** A pull request a release shipped, with the plan sections its author wrote (none when the description has none). */
export interface ShippedPullPlan {
  number: number;
  title: string;
  url: string;
  sections: readonly PlanSection[];
}

/** What a failure alert quotes: the shipped pull requests' plans, and why the list may be incomplete. */
export interface RollbackPlans {
  pulls: readonly ShippedPullPlan[];
  /** Plain sentences (escaped here): a cut commit or pull-request list, a lookup that failed, no earlier release. */
  notes: readonly string[];
}

/**
 * How much of the plans one message carries. A pull request's quote is a section of its own (Slack's section limit is
 * 3,000 characters); the plans together leave the rest of LIMITS.messageBlocksText to the deploy message itself.
 */
export const PLAN_LIMITS = {
  /** Plain-text characters quoted of one section of one description (before escaping). */
  sectionChars: 1_000,
  /** Characters of one pull request's quote, escaped, with its link and section names. */
  pullChars: 2_500,
  /** Characters of all the plans' blocks of one message. */
  totalChars: 6_000,
  /** Characters of a title in a link label. */
  titleChars: 120,
} as const;

const TITLE = '*Rollback plans of the pull requests this release shipped*';

/** The lines of one section, quoted (`>`), escaped, cut at PLAN_LIMITS.sectionChars of their plain text. */
function quoteLines(lines: readonly string[]): string {
  const kept: string[] = [];
  let used = 0;
  let cut = false;
  for (const line of lines) {
    const room = PLAN_LIMITS.sectionChars - used;
    if (room <= 1) {
      cut = true;
      break;
    }
    const piece = line.length > room ? truncateChars(line, room) : line;
    if (piece !== line) cut = true;
    kept.push(piece);
    used += piece.length;
  }
  const quoted = kept.map((line) => `>${escapeMrkdwn(line)}`);
  if (cut) quoted.push('>_(cut: the rest is in the pull request)_');
  return quoted.join('\n');
}

/** One pull request's quote: its link (`#42 title`), then each section's name and quoted text. */
export function pullPlanText(pull: ShippedPullPlan): string {
  const label = `#${pull.number} ${truncateChars(pull.title.replace(/\s+/g, ' ').trim(), PLAN_LIMITS.titleChars)}`;
  const parts = [`*${mrkdwnLink(pull.url, label)}*`];
  const written = pull.sections.filter((s) => s.lines.length > 0);
  if (written.length === 0) parts.push('_No rollback strategy or deployment assistants in its description._');
  for (const part of written) parts.push(`_${escapeMrkdwn(part.name)}_`, quoteLines(part.lines));
  return cutMrkdwn(parts.join('\n'), PLAN_LIMITS.pullChars);
}

const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

/**
 * The plans as blocks for a message that has `room` left (text characters and blocks): a title, one section per
 * pull request while they fit, then a line for the pull requests left out and the notes. Every piece of pull-request
 * text is escaped (escapeMrkdwn) and every link goes through safeLinkUrl, so a description can neither ping anyone
 * nor disguise a link. Empty when not even the title fits.
 */
export function rollbackPlanBlocks(plans: RollbackPlans, room: { chars: number; blocks: number }): Block[] {
  const chars = Math.min(room.chars, PLAN_LIMITS.totalChars);
  const notes = plans.notes.map((note) => `_${escapeMrkdwn(note)}_`);
  if (plans.pulls.length === 0 && notes.length === 0) notes.push('_No merged pull requests found in this release._');
  const title = section(TITLE);
  const tail = (left: number): Block | undefined => {
    const lines = [...(left > 0 ? [`_${plural(left, 'more pull request', 'more pull requests')} not shown._`] : [])];
    lines.push(...notes);
    return lines.length === 0 ? undefined : context([cutMrkdwn(lines.join('\n'), 1_000)]);
  };
  const worstTail = tail(plans.pulls.length);
  const reserve = (worstTail ? blockTextLength(worstTail) : 0) + blockTextLength(title);
  if (room.blocks < 2 || chars < reserve) return [];
  const blocks: Block[] = [title];
  let used = reserve;
  let shown = 0;
  for (const pull of plans.pulls) {
    const block = section(pullPlanText(pull));
    const size = blockTextLength(block);
    // Two blocks stay free: this one and the tail line.
    if (used + size > chars || blocks.length + 2 > room.blocks) break;
    blocks.push(block);
    used += size;
    shown++;
  }
  const end = tail(plans.pulls.length - shown);
  if (end) blocks.push(end);
  return blocks;
}

/** The room a message leaves for the plans: what Slack accepts per message minus what its blocks already hold. */
export function roomAfter(blocks: readonly Block[]): { chars: number; blocks: number } {
  return {
    chars: LIMITS.messageBlocksText - blocksTextLength(blocks),
    blocks: LIMITS.blocksPerMessage - blocks.length,
  };
}
