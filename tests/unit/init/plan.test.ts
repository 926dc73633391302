import { describe, expect, it } from '@jest/globals';
import { planInit, readInitOptions, TEMPLATES, type RawInitOptions } from '@shipshape/init';
import { checkWorkflows } from '@shipshape/workflows';

const SHA = 'a'.repeat(40);
const NAMES = TEMPLATES.map((t) => t.name);
const raw = (over: Partial<RawInitOptions> = {}): RawInitOptions => ({
  workflows: ['pr-checks', 'release'],
  uses: `acme/shipshape@${SHA}`,
  tag: 'v1.4.0',
  window: 'mon-thu 09:00-16:00',
  timeZone: 'America/New_York',
  slackTokenSecret: 'DEPLOY_SLACK_TOKEN',
  ...over,
});

describe('shipshape init: the plan', () => {
  it('ships every example workflow as a template, each with a one-line summary', () => {
    expect(NAMES).toEqual(
      expect.arrayContaining(['freeze-sync', 'merge-gate', 'out-of-band', 'pr-checks', 'release', 'staging']),
    );
    for (const template of TEMPLATES) expect(template.summary).toMatch(/^\S.{8,110}$/);
  });

  it('pins every uses: of ours to the repository and SHA, with the tag as a comment', () => {
    const plan = planInit(readInitOptions(raw(), NAMES), TEMPLATES);
    expect(plan.files.map((f) => f.path)).toEqual(['.github/workflows/pr-checks.yml', '.github/workflows/release.yml']);
    for (const file of plan.files) {
      const ours = file.text.split('\n').filter((line) => /uses:\s+\S+\/shipshape/.test(line));
      expect(ours.length).toBeGreaterThan(0);
      for (const line of ours)
        expect(line).toMatch(new RegExp(`uses: acme/shipshape(/actions/[a-z-]+)?@${SHA} # v1\\.4\\.0$`));
      expect(file.text).not.toMatch(/your-org/);
      expect(file.text).not.toMatch(/^# (Copy to |Pinning|full commit SHA instead)/m);
      expect(file.text).not.toMatch(/SLACK_BOT_TOKEN/);
    }
  });

  it('fills in the window with its zone, the token secret, the channel and the queue', () => {
    const options = readInitOptions(
      raw({ slackChannel: 'C0123ABCDEF', queueBehind: ['release.yml,hotfix.yml'] }),
      NAMES,
    );
    const release = planInit(options, TEMPLATES, ['hotfix.yml']).files[1]?.text ?? '';
    expect(release).toContain('mon-thu 09:00-16:00 America/New_York');
    expect(release).not.toContain('Europe/Paris');
    expect(release).toContain('secrets.DEPLOY_SLACK_TOKEN');
    expect(release).not.toContain('secrets.SLACK_BOT_TOKEN');
    expect(release).toContain('channel: C0123ABCDEF');
    expect(release).toMatch(/workflows: release\.yml, hotfix\.yml$/m);
  });

  it('queues a release only behind workflows that exist: written now, or already in the repository', () => {
    const alone = planInit(readInitOptions(raw({ workflows: ['release'] }), NAMES), TEMPLATES);
    expect(alone.files[0]?.text).toMatch(/^\s*workflows: release\.yml$/m);
    const withStaging = planInit(readInitOptions(raw({ workflows: ['release'] }), NAMES), TEMPLATES, ['staging.yml']);
    expect(withStaging.files[0]?.text).toMatch(/^\s*workflows: release\.yml, staging\.yml$/m);
    const named = readInitOptions(raw({ workflows: ['release'], queueBehind: ['nightly.yml'] }), NAMES);
    expect(() => planInit(named, TEMPLATES)).toThrow(
      /Input 'queue-behind' is invalid: expected workflow files written now or already in \.github\/workflows \(release\.yml\), got "nightly\.yml"/,
    );
    expect(planInit(named, TEMPLATES, ['nightly.yml']).files[0]?.text).toMatch(/^\s*workflows: nightly\.yml$/m);
  });

  it('gives the zone to each part of the window that names none', () => {
    const zoned = (window: string, timeZone?: string) => readInitOptions(raw({ window, timeZone }), NAMES).window;
    expect(zoned('mon-fri 08:00-17:00 Europe/Paris', undefined)).toBe('mon-fri 08:00-17:00 Europe/Paris');
    expect(zoned('mon-thu 09:00-12:00; fri 09:00-11:00', 'Asia/Tokyo')).toBe(
      'mon-thu 09:00-12:00 Asia/Tokyo; fri 09:00-11:00 Asia/Tokyo',
    );
    expect(zoned('daily 00:00-24:00', undefined)).toBe('daily 00:00-24:00 UTC');
  });

  it('is checked as ours even where the copy is not named shipshape', () => {
    const options = readInitOptions(raw({ uses: `acme/deploy-kit@${SHA}`, workflows: ['release'] }), NAMES);
    const plan = planInit(options, TEMPLATES);
    const broken = [{ ...plan.files[0]!, text: plan.files[0]!.text.replace('commit-gate: true', 'comit-gate: true') }];
    expect(checkWorkflows(broken, { repository: options.repository })).toEqual([
      expect.objectContaining({ message: expect.stringMatching(/comit-gate/) }),
    ]);
  });

  it('passes check-workflows: every template, filled in', () => {
    const plan = planInit(readInitOptions(raw({ workflows: NAMES }), NAMES), TEMPLATES);
    expect(plan.files).toHaveLength(NAMES.length);
    expect(checkWorkflows(plan.files)).toEqual([]);
  });

  it('lists what the repository must still set', () => {
    const plan = planInit(
      readInitOptions(raw({ workflows: ['pr-checks', 'out-of-band', 'freeze-sync'] }), NAMES),
      TEMPLATES,
    );
    expect(plan.settings.secrets).toEqual(['DEPLOY_SLACK_TOKEN']);
    expect(plan.settings.variables).toContain('SLACK_DEPLOY_CHANNEL');
    expect(plan.settings.checksWithoutMergeQueue).toEqual(['Changelog entry', 'Roll-out plan']);
    const release = planInit(readInitOptions(raw({ workflows: ['release', 'merge-gate'] }), NAMES), TEMPLATES);
    expect(release.settings.optionalVariables).toContain('DEPLOY_WINDOW');
    expect(release.settings.variables).not.toContain('DEPLOY_WINDOW');
    expect(release.settings.files).toEqual([expect.stringMatching(/^\.github\/LEADS /)]);
    expect(plan.settings.environments).toEqual(['production']);
    expect(plan.settings.requiredChecks).toEqual(expect.arrayContaining(['Roll-out plan', 'Changelog entry']));
    expect(plan.settings.requiredStatuses).toEqual(['merge-freeze']);
  });

  it.each([
    [{ workflows: ['deploy'] }, /Input 'workflows' is invalid: expected one or more of .*pr-checks.*got "deploy"/],
    [{ workflows: [] }, /Input 'workflows' is invalid/],
    [{ uses: 'acme/shipshape' }, /Input 'uses' is invalid: expected owner\/name@<ref>/],
    [{ uses: 'not a repo@abc' }, /Input 'uses' is invalid/],
    [{ timeZone: 'Mars/Olympus' }, /Input 'time-zone' is invalid: expected an IANA time zone/],
    [{ window: 'someday 25:00-26:00' }, /Input 'window' is invalid/],
    [{ slackTokenSecret: 'GITHUB_TOKEN' }, /Input 'slack-token-secret' is invalid/],
    [{ slackChannel: '#deploys' }, /Input 'slack-channel' is invalid: expected a channel ID/],
    [{ queueBehind: ['release'] }, /Input 'queue-behind' is invalid: expected workflow file names/],
  ] as const)('refuses %j with a clear error', (over, message) => {
    expect(() => readInitOptions(raw(over as Partial<RawInitOptions>), NAMES)).toThrow(message);
  });
});
