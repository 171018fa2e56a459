import { type Collector, type Facts, type Sections, linesOf } from './types';

/** What the Python probe in the script prints: the interpreter Ansible would run modules with. */
export interface PythonProbe {
  executable: string;
  type: string;
  version_info: [number, number, number, string, number];
  has_sslcontext: boolean;
  selinux: { present: boolean; enabled?: boolean; policyvers?: number; mode?: number; config_mode?: number | null; type?: string | null };
  /** The version of a system-wide `distro` package, null when there is none. */
  distro: string | null;
  env: Record<string, string>;
}

/** The Python probe's JSON, or undefined when the host has no Python. */
export function pythonProbe(out: Sections): PythonProbe | undefined {
  const line = linesOf(out, 'python').find((l) => l.startsWith('{'));
  if (!line) return undefined;
  try {
    return JSON.parse(line) as PythonProbe;
  } catch {
    return undefined;
  }
}

const LEVEL_SUFFIX: Record<string, string> = { alpha: 'a', beta: 'b', candidate: 'rc' };

/** Python's platform.python_version(): `3.11.2`, `3.13.0rc1`. */
export function pythonVersionString([major, minor, micro, level, serial]: PythonProbe['version_info']): string {
  const suffix = LEVEL_SUFFIX[level];
  return `${major}.${minor}.${micro}${suffix ? `${suffix}${serial}` : ''}`;
}

/** Python's socket.getfqdn(): the first of the reverse lookup's name and aliases with a dot, else that name. */
export function fqdnFrom(hostsLine: string | undefined, nodename: string): string {
  const names = (hostsLine ?? '').trim().split(/\s+/).slice(1);
  if (names.length === 0) return nodename;
  return names.find((n) => n.includes('.')) ?? names[0];
}

function architectures(machine: string, bits: string): Facts {
  const i386 = /i([3456]86|86pc)/.test(machine);
  if (machine !== 'x86_64' && !i386) return { architecture: machine };
  const facts: Facts = { architecture: i386 ? 'i386' : machine };
  if (bits === '64') facts.userspace_architecture = 'x86_64';
  else if (bits === '32') facts.userspace_architecture = 'i386';
  return facts;
}

export const platformCollector: Collector = {
  name: 'platform',
  factIds: ['system', 'kernel', 'kernel_version', 'machine', 'python_version', 'architecture', 'machine_id'],
  sections: ['uname', 'fqdn', 'machine_id', 'python'],
  collect(out) {
    const [system = '', kernel = '', kernelVersion = '', machine = '', nodename = '', bits = ''] = (out.get('uname') ?? '').split('\n');
    const fqdn = fqdnFrom(out.get('fqdn'), nodename);
    const py = pythonProbe(out);
    const facts: Facts = {
      system,
      kernel,
      kernel_version: kernelVersion,
      machine,
      ...(py ? { python_version: pythonVersionString(py.version_info) } : {}),
      fqdn,
      hostname: nodename.split('.')[0],
      nodename,
      domain: fqdn.split('.').slice(1).join('.'),
      userspace_bits: bits.trim(),
      ...architectures(machine, bits.trim()),
    };
    const machineId = linesOf(out, 'machine_id')[0];
    if (machineId) facts.machine_id = machineId;
    return facts;
  },
};

export const pythonCollector: Collector = {
  name: 'python',
  sections: ['python'],
  collect(out) {
    const py = pythonProbe(out);
    if (!py) return {};
    const [major, minor, micro, releaselevel, serial] = py.version_info;
    return {
      python: {
        executable: py.executable,
        has_sslcontext: py.has_sslcontext,
        type: py.type,
        version: { major, micro, minor, releaselevel, serial },
        version_info: py.version_info,
      },
    };
  },
};

/** The environment of the process that gathered: Python's os.environ, or `env` when there is no Python. */
export const envCollector: Collector = {
  name: 'env',
  sections: ['python'],
  collect(out) {
    const py = pythonProbe(out);
    if (py) return { env: py.env };
    const text = out.get('python') ?? '';
    const env: Record<string, string> = {};
    for (const line of text.slice(text.indexOf('@env') + 4).split('\n')) {
      const eq = line.indexOf('=');
      if (eq > 0) env[line.slice(0, eq)] = line.slice(eq + 1);
    }
    return { env };
  },
};
