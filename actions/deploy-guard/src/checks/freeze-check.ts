import type { GuardCheck } from '../check';
import { setFreeze, syncMergeGroup, syncPull } from '../freeze';

/** `freeze: on|off|sync`: records or reads the merge freeze and sets the status it calls for; never waits or blocks. */
export const freezeCheck: GuardCheck = {
  name: 'merge freeze',
  applies: (settings) => settings.freeze !== undefined,
  async run({ settings, ctx, deps: { port, log }, row, note }) {
    const freezeSettings = {
      branch: settings.freezeBranch,
      context: settings.freezeContext,
      reason: settings.freezeReason,
      exemptLabel: settings.exemptLabel,
    };
    if (settings.freeze === 'sync' && !ctx.pull && ctx.mergeGroup) {
      const group = await syncMergeGroup(port, ctx.mergeGroup.sha, freezeSettings, log);
      row.result = 'done';
      row.detail = `${group.frozen ? 'frozen' : 'open'}: status \`${settings.freezeContext}\` ${group.updated ? `set on merge group commit ${ctx.mergeGroup.sha.slice(0, 7)}` : 'already up to date'}`;
      note(`merge freeze ${group.frozen ? 'on' : 'off'}`);
      return;
    }
    const outcome =
      settings.freeze === 'sync' && ctx.pull
        ? await syncPull(port, ctx.pull, freezeSettings, log)
        : await setFreeze(port, settings.freeze === 'on', freezeSettings, log);
    row.result = 'done';
    const targets = [
      ...(outcome.updated.length
        ? [
            [...outcome.updated]
              .sort((x, y) => x - y)
              .map((n) => `#${n}`)
              .join(', '),
          ]
        : []),
      ...(outcome.mergeGroupsUpdated.length ? [`${outcome.mergeGroupsUpdated.length} merge group commit(s)`] : []),
    ];
    row.detail = `${outcome.frozen ? 'frozen' : 'open'}: status \`${settings.freezeContext}\` ${targets.length ? `set on ${targets.join(' and ')}` : 'already up to date'}${outcome.exempt.length ? `; exempt ${outcome.exempt.map((n) => `#${n}`).join(', ')}` : ''}`;
    note(`merge freeze ${outcome.frozen ? 'on' : 'off'}`);
  },
};
