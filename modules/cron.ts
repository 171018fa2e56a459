import { basename, isAbsolute, join } from 'path';
import { defineModule, failed } from '../engine/module/define';
import { shellQuote } from '../engine/module/shell-quote';
import type { DiffEntry, ModuleContext, ModuleResult } from '../engine/module/types';
import { CronTab, cronLine } from './_lib/cron/crontab';
import { missingBinary, parseSections, probeSections } from './_lib/service/probe-script';

const SPECIAL_TIMES = ['reboot', 'yearly', 'annually', 'monthly', 'weekly', 'daily', 'hourly'] as const;

interface Args {
  name: string;
  user?: string;
  job?: string;
  cron_file?: string;
  state: 'present' | 'absent';
  backup: boolean;
  minute: string;
  hour: string;
  day: string;
  month: string;
  weekday: string;
  special_time?: (typeof SPECIAL_TIMES)[number];
  disabled: boolean;
  env: boolean;
  insertafter?: string;
  insertbefore?: string;
}

/**
 * `crontab` with `-u user` when a user is named who is not the one running the module, as Ansible's module
 * decides; the decision is the host's, so it is made in the shell.
 */
function crontabCommand(user: string | undefined, rest: string): string {
  if (user === undefined) return `crontab ${rest}`;
  const q = shellQuote(user);
  return `if [ "$(id -un)" = ${q} ]; then crontab ${rest}; else crontab -u ${q} ${rest}; fi`;
}

interface Host {
  tab: CronTab;
  /** The cron file's mode, owner and group, kept when it is rewritten. */
  attrs?: { mode: number; owner: string; group: string };
}

/** One script: the crontab binary (required, as in Ansible), then the cron file or the user's crontab. */
async function readHost(ctx: ModuleContext, args: Args, file: string | undefined): Promise<Host | string> {
  const p = probeSections();
  // `printf .` ends each text, so that a missing final newline (a change of its own) survives the sections.
  const read = file
    ? `if [ -f ${shellQuote(file)} ] && [ -r ${shellQuote(file)} ]; then ${p.section('text')}; cat ${shellQuote(file)}; printf .; ${p.section('stat')}; stat -c '%a %U %G' ${shellQuote(file)}; fi`
    : `${p.section('text')}; { ${crontabCommand(args.user, '-l')}; } 2>/dev/null; tsible_rc=$?; printf .; ${p.section('rc')}; echo $tsible_rc`;
  const s = parseSections((await ctx.probe.exec([p.header, p.findBinaries(['crontab']), read].join('\n'))).stdout);
  const missing = missingBinary('crontab', s);
  if (missing) return missing;
  if (!file && s.rc !== '0' && s.rc !== '1') return 'Unable to read crontab';
  const text = (s.text ?? '.').slice(0, -1);
  const tab = new CronTab(text, !file);
  const [mode, owner, group] = (s.stat ?? '').split(' ');
  return { tab, ...(s.stat && { attrs: { mode: parseInt(mode, 8), owner, group } }) };
}

function header(args: Args, file: string | undefined): string {
  if (file) return file;
  return args.user !== undefined ? `crontab for user "${args.user}"` : 'crontab';
}

/** The arguments' own errors, in the order Ansible's module finds them. */
function argumentError(args: Args): string | undefined {
  if (args.special_time && [args.minute, args.hour, args.day, args.month, args.weekday].some((f) => f !== '*')) {
    return 'You must specify time and date fields or special time.';
  }
  if (args.state === 'present') {
    if (args.cron_file && args.user === undefined) return 'To use cron_file=... parameter you must specify user=... as well';
    if (args.job === undefined) return "You must specify 'job' to install a new cron job or variable";
    if ((args.insertafter !== undefined || args.insertbefore !== undefined) && !args.env) return 'Insertafter and insertbefore parameters are valid only with env=yes';
  }
  if (args.env && args.name.includes(' ')) return 'Invalid name for environment variable';
  return undefined;
}

/** Applies the arguments to the crontab: whether it changed, or Ansible's message when it cannot. */
function edit(tab: CronTab, args: Args, file: string | undefined): boolean | string {
  const install = args.state === 'present';
  if (args.env) {
    const decl = `${args.name}="${args.job}"`;
    const old = tab.findEnv(args.name);
    if (!install) {
      if (old.length === 0) return false;
      tab.updateEnv(args.name, undefined);
      return true;
    }
    if (old.length === 0) return tab.addEnv(decl, args.insertafter, args.insertbefore) ?? true;
    if (old[1] === decl) return false;
    tab.updateEnv(args.name, decl);
    return true;
  }
  if (!install) {
    if (tab.findJob(args.name).length === 0) return false;
    tab.updateJob(args.name, undefined);
    return true;
  }
  const job = cronLine({ ...args, job: args.job ?? '' }, file ? args.user : undefined);
  const old = tab.findJob(args.name, job);
  if (old.length === 0) {
    tab.addJob(args.name, job);
    return true;
  }
  if (old[1] !== job || old.length > 2) {
    tab.updateJob(args.name, job);
    return true;
  }
  return false;
}

/** Writes the crontab: the cron file atomically (keeping its mode and owner), or the user's through crontab. */
async function write(ctx: ModuleContext, args: Args, file: string | undefined, host: Host, text: string): Promise<string | undefined> {
  if (file) {
    // A new file gets what Ansible's module gives it: its umask of 022, and the user running it.
    await ctx.apply.writeFile(file, text, host.attrs ?? { mode: 0o644 });
    return undefined;
  }
  const r = await ctx.apply.exec(crontabCommand(args.user, '-'), { stdin: text });
  return r.rc !== 0 ? r.stderr : undefined;
}

/** A copy of the crontab as read, in a new file under the host's temporary directory, as Ansible's backup is. */
async function backup(ctx: ModuleContext, text: string): Promise<string> {
  const r = await ctx.apply.exec('f=$(mktemp "${TMPDIR:-/tmp}/crontabXXXXXXXX") && cat > "$f" && printf %s "$f"', { stdin: text });
  if (r.rc !== 0) throw new Error(`cannot write the crontab's backup: ${r.stderr.trim()}`);
  return r.stdout;
}

export default defineModule<Args>({
  name: 'cron',
  aliases: ['ansible.builtin.cron', 'ansible.legacy.cron'],
  supports: { checkMode: 'full', diff: true },
  argAliases: { job: ['value'], day: ['dom'], weekday: ['dow'] },
  mutuallyExclusive: [['insertafter', 'insertbefore']],
  docs: {
    short: 'Manage cron.d and crontab entries',
    description:
      'Adds, changes and removes the jobs (marked by a "#Ansible: <name>" comment) and environment variables of a user\'s crontab, ' +
      'or of a file under /etc/cron.d (cron_file); a cron file left empty by a removal is deleted.',
    args: {
      name: 'The job\'s name: its "#Ansible:" comment; with env, the variable\'s name.',
      user: 'The user whose crontab is changed (default: the user running the task); with cron_file, the user the job runs as.',
      job: 'The command to run (alias: value); with env, the variable\'s value.',
      cron_file: 'A file under /etc/cron.d (or an absolute path) to manage instead of a user\'s crontab.',
      state: 'present or absent.',
      backup: 'Keep a copy of the crontab as it was, in a temporary file (backup_file).',
      minute: 'Minute field (default *).',
      hour: 'Hour field (default *).',
      day: 'Day-of-month field (alias: dom).',
      month: 'Month field.',
      weekday: 'Day-of-week field (alias: dow).',
      special_time: 'reboot, yearly, annually, monthly, weekly, daily or hourly, instead of the time fields.',
      disabled: 'Write the job commented out.',
      env: 'Manage an environment variable (NAME="value") instead of a job.',
      insertafter: 'With env, put a new variable after this one.',
      insertbefore: 'With env, put a new variable before this one.',
    },
    returns: { jobs: 'The names of the jobs Ansible manages', envs: 'The names of the variables', cron_file: 'The cron_file argument', backup_file: 'The backup, when one was made' },
    examples: [
      { title: 'A nightly job', args: { name: 'backup', minute: '0', hour: '2', job: '/usr/local/bin/backup' } },
      { title: 'A job in /etc/cron.d', args: { name: 'cleanup', special_time: 'daily', user: 'root', job: 'find /tmp -mtime +7 -delete', cron_file: 'cleanup' } },
      { title: 'A variable', args: { name: 'MAILTO', env: true, job: 'ops@example.com' } },
    ],
  },
  schema: {
    type: 'object',
    properties: {
      name: { type: 'string' },
      user: { type: 'string', nullable: true },
      job: { type: 'string', nullable: true },
      cron_file: { type: 'string', nullable: true },
      state: { type: 'string', enum: ['present', 'absent'], default: 'present' },
      backup: { type: 'boolean', default: false },
      minute: { type: 'string', default: '*' },
      hour: { type: 'string', default: '*' },
      day: { type: 'string', default: '*' },
      month: { type: 'string', default: '*' },
      weekday: { type: 'string', default: '*' },
      special_time: { type: 'string', enum: SPECIAL_TIMES, nullable: true },
      disabled: { type: 'boolean', default: false },
      env: { type: 'boolean', default: false },
      insertafter: { type: 'string', nullable: true },
      insertbefore: { type: 'string', nullable: true },
    },
    required: ['name'],
    additionalProperties: false,
  },
  async run(ctx, args) {
    if (args.cron_file === '/etc/crontab') return failed('Will not manage /etc/crontab via cron_file, see documentation.');
    const warnings: string[] = [];
    const file = args.cron_file ? (isAbsolute(args.cron_file) ? args.cron_file : join('/etc/cron.d', args.cron_file)) : undefined;
    if (args.cron_file && !/^[A-Z0-9_-]+$/i.test(basename(args.cron_file))) {
      warnings.push(`Filename portion of cron_file ("${basename(args.cron_file)}") should consist solely of upper- and lower-case letters, digits, underscores, and hyphens`);
    }
    const host = await readHost(ctx, args, file);
    if (typeof host === 'string') return failed(host);
    const problem = argumentError(args);
    if (problem) return failed(problem);
    const { tab } = host;
    const before = tab.render();
    const diff: DiffEntry = { before: tab.existing, before_header: header(args, file) };
    if (args.state === 'present' && !args.env && /[\r\n]/.test((args.job ?? '').replace(/^[\r\n]+|[\r\n]+$/g, ''))) warnings.push('Job should not contain line breaks');
    const edited = edit(tab, args, file);
    if (typeof edited === 'string') return failed(edited);
    let isChanged = edited;
    const withWarnings = warnings.length > 0 ? { warnings } : {};
    // A cron file left with nothing in it is removed, as Ansible's module does (its warnings are dropped there too).
    if (isChanged && file && args.state === 'absent' && !args.env && tab.isEmpty()) {
      const removed = ctx.check || (await ctx.apply.exec(`rm -- ${shellQuote(file)}`)).rc === 0;
      return { changed: removed, cron_file: args.cron_file, state: args.state, diff: ctx.diff ? { ...diff, after: '', after_header: '/dev/null' } : {} };
    }
    if (!isChanged && tab.existing !== '' && !/[\r\n]$/.test(tab.existing)) isChanged = true;
    const result: ModuleResult = { jobs: tab.jobNames(), envs: tab.envNames(), changed: isChanged, ...withWarnings };
    if (isChanged) {
      const backupFile = args.backup && !ctx.check ? await backup(ctx, before) : undefined;
      if (!ctx.check) {
        const error = await write(ctx, args, file, host, tab.render());
        if (error !== undefined) return failed(error, { changed: false });
      }
      if (ctx.diff) result.diff = { ...diff, after: tab.render(), after_header: header(args, file) };
      if (backupFile !== undefined) result.backup_file = backupFile;
    }
    if (args.cron_file) result.cron_file = args.cron_file;
    return result;
  },
});
