import { defineModule, failed } from '../engine/module/define';
import { shellJoin, shellQuote } from '../engine/module/shell-quote';
import type { ModuleResult } from '../engine/module/types';
import { missingBinary, parseSections, probeSections, ProbeSections } from './_lib/service/probe-script';

type Use = 'alpine' | 'debian' | 'freebsd' | 'generic' | 'macos' | 'macosx' | 'darwin' | 'openbsd' | 'openrc' | 'redhat' | 'sles' | 'solaris' | 'systemd';

interface Args {
  name: string;
  use?: Use;
}

const USES: Use[] = ['alpine', 'debian', 'freebsd', 'generic', 'macos', 'macosx', 'darwin', 'openbsd', 'openrc', 'redhat', 'sles', 'solaris', 'systemd'];

/** Distributions (os-release ID, capitalized as Ansible names them) whose hostname is /etc/hostname alone when systemd does not run. */
const FILE_DISTRIBUTIONS = ['Cumulus-linux', 'Debian', 'Deepin', 'Devuan', 'Kali', 'Kylin', 'Linaro', 'Linuxmint', 'Neon', 'Parrot', 'Pop', 'Raspbian', 'Ubuntu', 'Uos', 'Void'];

const HOSTNAME_FILE = '/etc/hostname';

/**
 * The host's fully qualified name as Python's socket.getfqdn() gives it, which is what Ansible's module
 * reports; without Python on the host, `hostname -f` comes closest.
 */
const FQDN = "if command -v python3 >/dev/null 2>&1; then python3 -c 'import socket; print(socket.getfqdn())'; else hostname -f 2>/dev/null || hostname; fi";

/** Runs `argv`, its stdout printed in section `<key>`, its stderr in `<key>_err` and its status in `<key>_rc`. */
function captured(p: ProbeSections, key: string, argv: string[]): string {
  return [
    p.section(key),
    `{ tsible_e=$(${shellJoin(argv)} 2>&1 >&3); tsible_rc=$?; } 3>&1`,
    `${p.section(`${key}_rc`)}; echo $tsible_rc`,
    `${p.section(`${key}_err`)}; printf '%s' "$tsible_e"`,
  ].join('\n');
}

/**
 * One script that finds which of Ansible's strategies applies (the one `use` names, else systemd's when systemd
 * runs the host, else the distribution's) and reads the current and permanent names it would compare.
 */
function probeScript(p: ProbeSections, use: Use | undefined): string {
  const strategy = use === undefined ? 'auto' : use === 'debian' ? 'systemd' : use;
  return [
    p.header,
    p.findBinaries(['hostnamectl', 'systemctl']),
    `tsible_s=${strategy}`,
    'if [ "$tsible_s" = auto ]; then',
    '  tsible_s=platform',
    '  if [ "$(uname -s)" = Linux ] && command -v systemctl >/dev/null 2>&1; then',
    '    for c in /run/systemd/system/ /dev/.run/systemd/ /dev/.systemd/; do [ -e "$c" ] && tsible_s=systemd; done',
    '  fi',
    'fi',
    `${p.section('strategy')}; echo "$tsible_s"`,
    `${p.section('system')}; uname -s`,
    `${p.section('distribution')}; ( [ -r /etc/os-release ] && . /etc/os-release && printf '%s' "$ID" )`,
    'if [ "$tsible_s" = systemd ] && command -v hostnamectl >/dev/null 2>&1; then',
    captured(p, 'transient', ['hostnamectl', '--transient', 'status']),
    captured(p, 'static', ['hostnamectl', '--static', 'status']),
    'fi',
    `if [ -f ${HOSTNAME_FILE} ]; then ${p.section('file')}; cat ${HOSTNAME_FILE}; fi`,
    `${p.section('fqdn')}; ${FQDN}`,
  ].join('\n');
}

/** Python's str.capitalize(), as Ansible names a distribution from its os-release ID. */
function capitalize(id: string): string {
  return id.charAt(0).toUpperCase() + id.slice(1).toLowerCase();
}

interface Plan {
  current: string;
  permanent: string;
  /** Commands that make the host's names `name`, in Ansible's order. */
  commands: string[];
  /** Text written to the hostname file in place, as Ansible's module writes it. */
  fileText?: string;
}

function commandFailure(s: Record<string, string>, key: string): string {
  return `Command failed rc=${s[`${key}_rc`]}, out=${s[key] ?? ''}, err=${s[`${key}_err`] ?? ''}`;
}

function planSystemd(s: Record<string, string>, name: string): Plan | string {
  const missing = missingBinary('hostnamectl', s);
  if (missing) return missing;
  for (const key of ['transient', 'static']) if (s[`${key}_rc`] !== '0') return commandFailure(s, key);
  const [current, permanent] = [s.transient.trim(), s.static.trim()];
  const commands: string[] = [];
  // The permanent name first, as Ansible does so that NetworkManager does not complain.
  if (permanent !== name) commands.push(shellJoin(['hostnamectl', '--pretty', '--static', 'set-hostname', name]));
  if (current !== name) commands.push(shellJoin(['hostnamectl', '--transient', 'set-hostname', name]));
  return { current, permanent, commands };
}

/** /etc/hostname alone: Ansible's strategy for Debian-like hosts without systemd; the running name is left as it is. */
function planFile(s: Record<string, string>, name: string): Plan {
  const permanent = (s.file ?? '').trim();
  return { current: permanent, permanent, commands: [], ...(permanent !== name && { fileText: `${name}\n` }) };
}

function plan(s: Record<string, string>, args: Args): Plan | string {
  const strategy = s.strategy;
  if (strategy === 'systemd') return planSystemd(s, args.name);
  if (strategy === 'platform') {
    const system = s.system ?? '';
    const distribution = system === 'Linux' ? capitalize(s.distribution ?? '') || 'OtherLinux' : '';
    if (FILE_DISTRIBUTIONS.includes(distribution)) return planFile(s, args.name);
    if (system === 'Linux' && !['Alpine', 'Gentoo', 'Sles', 'Redhat', 'Centos', 'Amazon', 'Oracle', 'Fedora'].includes(distribution)) {
      return `hostname module cannot be used on platform ${system} (${distribution})`;
    }
    return `tsible's hostname module does not support ${system}${distribution ? ` (${distribution})` : ''} without systemd: use 'use: systemd' if the host runs it`;
  }
  // Ansible's generic strategy implements no way to read a name: its module fails there too.
  if (strategy === 'generic') return "the hostname module's generic strategy cannot read or set a hostname";
  return `tsible's hostname module does not support use=${strategy}; it supports systemd (and debian, its alias in Ansible)`;
}

/** What Ansible's module returns: the name and the facts it changes, the names before as a diff when changed. */
function result(args: Args, p: Plan, fqdn: string, isChanged: boolean): ModuleResult {
  const before = args.name !== p.current ? p.current : p.permanent;
  const facts = {
    ansible_hostname: args.name.split('.')[0],
    ansible_nodename: args.name,
    ansible_fqdn: fqdn,
    ansible_domain: fqdn.split('.').slice(1).join('.'),
  };
  return {
    changed: isChanged,
    name: args.name,
    ansible_facts: facts,
    ...(isChanged && { diff: { after: `hostname = ${args.name}\n`, before: `hostname = ${before}\n` } }),
  };
}

export default defineModule<Args>({
  name: 'hostname',
  aliases: ['ansible.builtin.hostname', 'ansible.legacy.hostname'],
  supports: { checkMode: 'full', diff: true },
  docs: {
    short: "Manage a host's hostname",
    description:
      "Sets the running and the permanent hostname: with hostnamectl where systemd runs the host (or use: systemd / debian), else in /etc/hostname on Debian-like hosts. " +
      "Other strategies of Ansible's module (redhat, alpine, openrc, sles, the BSDs, macOS, Solaris) are refused as unsupported. Does not edit /etc/hosts.",
    args: {
      name: 'The hostname.',
      use: "The strategy: systemd or debian (hostnamectl); others are Ansible's and unsupported here. Detected when unset.",
    },
    returns: {
      name: 'The hostname.',
      ansible_facts: 'ansible_hostname, ansible_nodename, ansible_fqdn and ansible_domain after the change.',
    },
    examples: [{ title: 'Set the hostname', args: { name: 'web01' } }],
  },
  schema: {
    type: 'object',
    properties: {
      name: { type: 'string' },
      use: { type: 'string', enum: USES, nullable: true },
    },
    required: ['name'],
    additionalProperties: false,
  },
  async run(ctx, args) {
    const p = probeSections();
    const s = parseSections((await ctx.probe.exec(probeScript(p, args.use))).stdout);
    const planned = plan(s, args);
    if (typeof planned === 'string') return failed(planned);
    const isChanged = planned.commands.length > 0 || planned.fileText !== undefined;
    if (!isChanged || ctx.check) return result(args, planned, (s.fqdn ?? '').trim(), isChanged);
    // Ansible checks the length only when it sets a name, so check mode predicts the change instead of failing.
    if (planned.commands.length > 0 && args.name.length > 64) return failed('name cannot be longer than 64 characters on systemd servers, try a shorter name');
    // Written in place as Ansible's module does: /etc/hostname is often bind-mounted into containers, where a rename fails.
    const write = planned.fileText !== undefined ? [`cat > ${shellQuote(HOSTNAME_FILE)}`] : [];
    const q = probeSections();
    const script = [...write, ...planned.commands].map((c) => `${c} || exit $?`);
    const r = await ctx.apply.exec([q.header, ...script, `${q.section('fqdn')}; ${FQDN}`].join('\n'), { stdin: planned.fileText });
    if (r.rc !== 0) {
      const msg = planned.fileText !== undefined ? `failed to update hostname: ${r.stderr.trim()}` : `Command failed rc=${r.rc}, out=, err=${r.stderr}`;
      return failed(msg, { changed: planned.fileText !== undefined });
    }
    return result(args, planned, (parseSections(r.stdout).fqdn ?? '').trim(), true);
  },
});
