import { describe, expect, it } from '@jest/globals';
import {
  emptyPlaceholders,
  emptyPlaceholdersWarning,
  placeholdersIn,
  unknownPlaceholders,
  UnknownPlaceholderError,
} from '../../../packages/slack/src/placeholders';
import { emptyTemplatePlaceholders, renderTemplate, type DeployContext } from '@shipshape/slack';

const ctx: DeployContext = { status: 'succeeded', template: { kind: 'deploy' }, environment: 'production' };
const NONE = {
  version: undefined,
  environment: 'production',
  actor: undefined,
  run_url: undefined,
  release_url: undefined,
  reason: undefined,
  status: 'Deployed',
};

describe('custom template placeholders', () => {
  it('finds every placeholder-shaped name once, in order, typos included', () => {
    expect(placeholdersIn('{version} {Version} {run-url} {version} {} {1x} {"a": 1}')).toEqual([
      'version',
      'Version',
      'run-url',
    ]);
    expect(unknownPlaceholders('{version} {Version} {run-url} {reason}')).toEqual(['Version', 'run-url']);
  });

  it('renderTemplate refuses an unknown placeholder, naming it, a likely meaning, and the known ones', () => {
    let error: unknown;
    try {
      renderTemplate('Shipped {versoin} ({run-url})', ctx);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(UnknownPlaceholderError);
    expect((error as UnknownPlaceholderError).unknown).toEqual(['versoin', 'run-url']);
    expect((error as Error).message).toBe(
      'the template uses unknown placeholders {versoin}, {run-url} (did you mean {run_url}?); the known placeholders ' +
        'are {version}, {environment}, {actor}, {run_url}, {release_url}, {reason}, {status}',
    );
  });

  it('lists the known placeholders a template uses that are empty, and words the warning', () => {
    expect(emptyPlaceholders('{version} {environment} {reason} {reason} {status}', NONE)).toEqual([
      'version',
      'reason',
    ]);
    expect(emptyPlaceholders('{version}', { ...NONE, version: '  ' })).toEqual(['version']);
    expect(emptyTemplatePlaceholders('{version} by {actor}', { ...ctx, version: '1.0.0' })).toEqual(['actor']);
    expect(emptyPlaceholdersWarning(['reason'])).toBe(
      "the template's {reason} is empty in this message and renders as nothing",
    );
    expect(emptyPlaceholdersWarning(['version', 'actor', 'reason'])).toBe(
      "the template's {version}, {actor} and {reason} are empty in this message and render as nothing",
    );
  });

  it('an empty placeholder still renders, as nothing', () => {
    expect(renderTemplate('Shipped {version}: {reason}.', { ...ctx, version: '2' })).toBe('Shipped v2: .');
  });
});
