import { describe, expect, it } from '@jest/globals';
import { validateResponse } from '@shipshape/testing/github-emulator';
import { validatingEmulator } from './validating-emulator';

/** GET …/actions/runs/{run_id}/approvals: a run's deployment review history, seeded with addApproval. */

const ROUTE = 'GET /repos/{owner}/{repo}/actions/runs/{run_id}/approvals';

const emulator = validatingEmulator('approvals');

interface Approval {
  state: string;
  comment: string;
  user: { login: string };
  environments: { name: string; id: number }[];
}

async function approvals(path: string, runId: number): Promise<{ status: number; body: unknown; link: string | null }> {
  const response = await fetch(`${emulator.github.url}${path}/actions/runs/${runId}/approvals`, {
    headers: { authorization: 'token t', accept: 'application/vnd.github+json' },
  });
  return { status: response.status, body: await response.json(), link: response.headers.get('link') };
}

describe('review history of a workflow run', () => {
  it('lists each review oldest first with its state, reviewer, comment and environments; other runs stay apart', async () => {
    const repo = emulator.github.repo('octo-org/approvals-1');
    repo.addWorkflow({ name: 'Deploy', path: '.github/workflows/deploy.yml' });
    const run = repo.addWorkflowRun({ workflow: 'Deploy', status: 'completed', id: 501 });
    const other = repo.addWorkflowRun({ workflow: 'Deploy', id: 502 });
    repo.addApproval({ runId: run.id, user: 'bob', state: 'rejected', comment: 'not now', environments: ['staging'] });
    repo.addApproval({ runId: run.id, user: 'alice', comment: 'Ship it!', environments: ['staging', 'production'] });
    repo.addApproval({ runId: other.id, user: 'carol' });
    const { status, body } = await approvals('/repos/octo-org/approvals-1', 501);
    expect(status).toBe(200);
    expect(validateResponse(ROUTE, 200, body)).toEqual([]);
    const list = body as Approval[];
    expect(list.map((a) => [a.user.login, a.state, a.comment, a.environments.map((e) => e.name)])).toEqual([
      ['bob', 'rejected', 'not now', ['staging']],
      ['alice', 'approved', 'Ship it!', ['staging', 'production']],
    ]);
    // The same environment has the same id in every entry.
    expect(list[0]?.environments[0]?.id).toBe(list[1]?.environments[0]?.id);
    const defaults = (await approvals('/repos/octo-org/approvals-1', 502)).body as Approval[];
    expect(defaults.map((a) => [a.state, a.comment, a.environments.map((e) => e.name)])).toEqual([
      ['approved', '', ['production']],
    ]);
  });

  it('answers an empty list for a run nobody reviewed, 404 for an unknown run, and refuses seeding an unknown run', async () => {
    const repo = emulator.github.repo('octo-org/approvals-2');
    repo.addWorkflow({ name: 'Deploy', path: '.github/workflows/deploy.yml' });
    repo.addWorkflowRun({ workflow: 'Deploy', id: 601 });
    expect(await approvals('/repos/octo-org/approvals-2', 601)).toMatchObject({ status: 200, body: [] });
    expect((await approvals('/repos/octo-org/approvals-2', 999)).status).toBe(404);
    expect(() => repo.addApproval({ runId: 999, user: 'alice' })).toThrow(/no workflow run 999/);
  });

  it('is one unpaginated array (the operation declares no per_page or page)', async () => {
    const repo = emulator.github.repo('octo-org/approvals-3');
    repo.addWorkflow({ name: 'Deploy', path: '.github/workflows/deploy.yml' });
    repo.addWorkflowRun({ workflow: 'Deploy', id: 701 });
    for (let i = 0; i < 35; i += 1) repo.addApproval({ runId: 701, user: `user-${i}` });
    const answer = await approvals('/repos/octo-org/approvals-3', 701);
    expect((answer.body as Approval[]).length).toBe(35);
    expect(answer.link).toBeNull();
  });
});
