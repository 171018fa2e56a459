import { shellQuote } from '../../../engine/module/shell-quote';
import { missingBinary, parseSections, probeSections } from './probe-script';

/** Where systemctl works: the system manager, the user's own manager, or every user's (`--global`). */
export type SystemdScope = 'system' | 'user' | 'global';

/** What one probe tells about a unit, before any change. */
export interface UnitState {
  /** `systemctl show` as Ansible returns it in `status`: every property, values trimmed. */
  status: Record<string, string>;
  /** Known to systemd (loaded, or reported by is-enabled) or present as an init script. */
  found: boolean;
  isInitd: boolean;
  isSystemd: boolean;
  masked: boolean;
  enabled: boolean;
  /** Ansible's message when systemctl is not on the host. */
  missingBinary?: string;
}

const ENABLED_STATES = new Set(['enabled', 'enabled-runtime', 'linked', 'linked-runtime', 'masked', 'masked-runtime', 'static', 'indirect', 'disabled', 'generated', 'transient']);

/** The systemctl command line with the scope and flags every call of the task shares. */
export function systemctl(opts: { scope: SystemdScope; no_block?: boolean; force?: boolean }): string {
  let cmd = 'systemctl';
  if (opts.scope !== 'system') cmd += ` --${opts.scope}`;
  if (opts.no_block) cmd += ' --no-block';
  if (opts.force) cmd += ' --force';
  return cmd;
}

/** The environment prefix user-scope calls need to find the user's manager, as Ansible sets it. */
export const XDG_RUNTIME = 'export XDG_RUNTIME_DIR="${XDG_RUNTIME_DIR:-/run/user/$(id -u)}"';

/** One shell script reading everything the module decides on: show, is-enabled, the init script and its links. */
export function unitProbeScript(unit: string, ctl: string): string {
  const q = shellQuote(unit);
  const { header, section, findBinaries } = probeSections();
  return [
    header,
    findBinaries(['systemctl']),
    XDG_RUNTIME,
    `${section('show')}; ${ctl} show ${q} 2>&1; echo "rc=$?"`,
    `${section('is_enabled')}; ${ctl} is-enabled ${q} -l 2>/dev/null; echo "rc=$?"`,
    `${section('initd')}; [ -f /etc/init.d/${q} ] && echo yes`,
    `${section('sysv_enabled')}; ls /etc/rc?.d/S??${q} >/dev/null 2>&1 && echo yes`,
    'true',
  ].join('\n');
}

/**
 * `systemctl show` output as a dict. Only Exec* values may span lines (they are wrapped in braces); any other
 * value is one line even when it starts with a brace, as Ansible parses it.
 */
export function parseShow(text: string): Record<string, string> {
  const parsed: Record<string, string> = {};
  let key: string | undefined;
  let multi: string[] = [];
  for (const line of text.split('\n')) {
    if (key !== undefined) {
      multi.push(line);
      if (line.trimEnd().endsWith('}')) {
        parsed[key] = multi.join('\n').trim();
        key = undefined;
        multi = [];
      }
      continue;
    }
    const eq = line.indexOf('=');
    if (eq < 0) continue;
    const k = line.slice(0, eq);
    const v = line.slice(eq + 1);
    if (k.startsWith('Exec') && v.trimStart().startsWith('{') && !v.trimEnd().endsWith('}')) {
      key = k;
      multi = [v];
      continue;
    }
    parsed[k] = v.trim();
  }
  return parsed;
}

/** Splits a section's text from its trailing `rc=N` line. */
function withRc(text = ''): { out: string; rc: number } {
  const m = /(?:^|\n)rc=(\d+)$/.exec(text);
  if (!m) return { out: text, rc: 255 };
  return { out: text.slice(0, m.index), rc: Number(m[1]) };
}

function ignored(out: string): boolean {
  return !out.includes('=') && (out.includes('ignoring request') || out.includes('ignoring command'));
}

/** Reads the probe's output into the unit's state, deciding `found` and `enabled` as Ansible's systemd module does. */
export function parseUnitProbe(stdout: string, scope: SystemdScope): UnitState {
  const s = parseSections(stdout);
  const show = withRc(s.show);
  const isEnabled = withRc(s.is_enabled);
  const isInitd = s.initd === 'yes';
  let status: Record<string, string> = {};
  let isSystemd = false;
  if (show.rc === 0 && !ignored(show.out)) {
    status = show.out ? parseShow(show.out) : {};
    isSystemd = status.LoadState !== undefined && status.LoadState !== 'not-found';
  } else {
    isSystemd = ENABLED_STATES.has(isEnabled.out.trim());
  }
  const lines = isEnabled.out.split('\n').filter((l) => l !== '');
  let enabled = false;
  if (isEnabled.rc === 0) enabled = !(lines.length === 1 && (lines[0] === 'indirect' || lines[0] === 'alias'));
  else if (isEnabled.rc === 1 && scope === 'system' && isInitd && !isEnabled.out.trim().endsWith('disabled')) enabled = s.sysv_enabled === 'yes';
  const masked = isEnabled.out.trim() === 'masked';
  return { status, found: isSystemd || isInitd, isInitd, isSystemd, masked, enabled, missingBinary: missingBinary('systemctl', s) };
}
