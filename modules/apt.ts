import { defineModule } from '../engine/module/define';
import { aptArgAliases, aptArgDocs, AptArgs, aptProperties } from './_lib/apt/apt-args';
import { runApt } from './_lib/apt/run-apt';

export default defineModule<AptArgs>({
  name: 'apt',
  aliases: ['ansible.builtin.apt', 'ansible.legacy.apt'],
  supports: { checkMode: 'full', diff: true },
  argAliases: aptArgAliases,
  mutuallyExclusive: [['deb', 'name', 'upgrade']],
  docs: {
    short: 'Manage apt packages',
    description:
      'Installs, upgrades and removes Debian packages with apt-get. The host is read in one round trip (dpkg-query and apt-cache policy for every named package); nothing runs when nothing differs. Check mode predicts with apt-get --simulate. A held apt/dpkg lock is waited for up to lock_timeout seconds.',
    args: aptArgDocs,
    returns: {
      cache_updated: 'Whether the package lists were updated',
      cache_update_time: 'When the lists were last updated, seconds since the epoch',
      stdout: "apt-get's output",
      stderr: "apt-get's error output",
      diff: "With --diff: `prepared`, apt-get's account of what it installs or removes",
    },
    examples: [
      { title: 'Install a package, updating the lists if they are older than an hour', args: { name: 'nginx', update_cache: true, cache_valid_time: 3600 } },
      { title: 'A pinned version and the latest of another', args: { name: ['curl=7.88*', 'git'], state: 'latest' } },
      { title: 'Remove with configuration', args: { name: 'apache2', state: 'absent', purge: true } },
      { title: 'A local .deb', args: { deb: '/tmp/app_1.0_amd64.deb' } },
      { title: 'Upgrade everything', args: { upgrade: 'dist', update_cache: true } },
    ],
  },
  schema: {
    type: 'object',
    properties: aptProperties,
    required: [],
    additionalProperties: false,
  },
  run: runApt,
});
