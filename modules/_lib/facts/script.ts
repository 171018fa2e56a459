import { randomBytes } from 'crypto';
import { shellQuote } from '../../../engine/module/shell-quote';

/**
 * The one POSIX sh script fact gathering runs on the host. It is assembled from named sections, only
 * those the selected collectors need, so `gather_subset: min` sends (and runs) less. Each section's output
 * follows a marker line; every command tolerates being absent, so one missing tool never loses the rest.
 * The markers hold an id drawn afresh for every script and announced on its first line, before anything
 * the host prints: no fact file, command output or name on the host can open a section.
 */

const HEADER = /^@@tsible-facts-([0-9a-f]{32})$/m;

/** Prints `name=content` records for small files, one per line; unreadable files print nothing. */
const readFiles = (paths: string[]): string => paths.map((p) => `[ -r ${p} ] && printf '%s=%s\\n' ${p} "$(cat ${p} 2>/dev/null)"`).join('\n');

// What Ansible's module-side Python would see: its own identity, the environment, libselinux (which
// Ansible loads through ctypes) and the version of a system `distro` package, which Ansible prefers
// to its bundled 1.6 and which changes how the Debian version is read.
const PYTHON_PROBE = `import sys, platform, json, os
try:
    import ssl
    ssl.SSLContext; ssl.create_default_context
    has_ssl = True
except Exception:
    has_ssl = False
se = {"present": False}
try:
    import ctypes
    lib = ctypes.CDLL("libselinux.so.1")
    se = {"present": True, "enabled": lib.is_selinux_enabled() == 1}
    if se["enabled"]:
        se["policyvers"] = lib.security_policyvers()
        se["mode"] = lib.security_getenforce()
        m = ctypes.c_int()
        se["config_mode"] = m.value if lib.selinux_getenforcemode(ctypes.byref(m)) == 0 else None
        t = ctypes.c_char_p()
        se["type"] = t.value.decode() if lib.selinux_getpolicytype(ctypes.byref(t)) == 0 and t.value else None
except Exception:
    pass
try:
    import distro
    dv = getattr(distro, "__version__", "") if callable(getattr(distro, "id", None)) else None
except Exception:
    dv = None
print(json.dumps({"executable": sys.executable, "type": platform.python_implementation().lower(),
  "version_info": list(sys.version_info), "has_sslcontext": has_ssl, "selinux": se, "distro": dv, "env": dict(os.environ)}))`;

/** Ansible's interpreter discovery: its fallback list, after the platform Python of distributions it knows. */
const FALLBACK_PYTHONS = ['python3.11', 'python3.10', 'python3.9', 'python3.8', 'python3.7', 'python3.6', 'python3.5', '/usr/bin/python3', '/usr/libexec/platform-python', 'python2.7', '/usr/bin/python', 'python'];
const PLATFORM_PYTHON = `id=$(sed -n 's/^ID=//p' /etc/os-release 2>/dev/null | tr -d '"'); v=$(sed -n 's/^VERSION_ID=//p' /etc/os-release 2>/dev/null | tr -d '"' | cut -d. -f1)
case "$id:$v" in debian:1[0-9]*|debian:[2-9][0-9]*|ubuntu:1[6-9]*|ubuntu:[2-9][0-9]*|fedora:2[3-9]*|fedora:[3-9][0-9]*) PP=/usr/bin/python3;; *) PP=;; esac`;

const DMI = ['bios_date', 'bios_vendor', 'bios_version', 'board_asset_tag', 'board_name', 'board_serial', 'board_vendor', 'board_version', 'chassis_asset_tag', 'chassis_serial', 'chassis_type', 'chassis_vendor', 'chassis_version', 'product_family', 'product_name', 'product_serial', 'product_uuid', 'product_version', 'sys_vendor'];

const PKG_PATHS = ['/usr/bin/rpm-ostree', '/usr/bin/yum', '/usr/bin/dnf', '/usr/bin/apt-get', '/usr/bin/zypper', '/usr/sbin/urpmi', '/usr/bin/pacman', '/bin/opkg', '/usr/pkg/bin/pkgin', '/opt/local/bin/pkgin', '/opt/tools/bin/pkgin', '/opt/local/bin/port', '/usr/local/bin/brew', '/opt/homebrew/bin/brew', '/sbin/apk', '/usr/sbin/pkg', '/usr/sbin/swlist', '/usr/bin/emerge', '/usr/sbin/pkgadd', '/usr/bin/pkg', '/usr/bin/xbps-install', '/usr/local/sbin/pkg', '/usr/bin/swupd', '/usr/sbin/sorcery', '/usr/bin/installp', '/run/ostree-booted'];

/** A file's first line into $v, also when it has no trailing newline; false when unreadable or empty. */
const READ = (path: string) => `{ v=; { read -r v || [ -n "$v" ]; } < ${path}; } 2>/dev/null && [ -n "$v" ]`;

/** Per-interface sysfs attributes, as `attr=value` lines after an `iface=NAME` line. */
const NET_SYSFS = `for d in $(ls -U /sys/class/net 2>/dev/null || ls /sys/class/net 2>/dev/null); do
  p=/sys/class/net/$d; [ -d "$p" ] || continue
  echo "iface=$d"
  for a in address mtu operstate type flags speed; do ${READ('"$p/$a"')} && echo "$a=$v"; done
  [ -e "$p/device" ] && echo "pciid=$(basename "$(readlink "$p/device")")"
  [ -e "$p/device/driver/module" ] && echo "module=$(basename "$(readlink -f "$p/device/driver/module")")"
  [ -e "$p/bridge" ] && echo "bridge_id=$(cat "$p/bridge/bridge_id" 2>/dev/null)" && echo "stp=$(cat "$p/bridge/stp_state" 2>/dev/null)" && echo "brif=$(ls -U "$p/brif" 2>/dev/null | tr '\\n' ' ')"
  [ -e "$p/bonding" ] && for a in slaves mode miimon lacp_rate primary all_slaves_active; do echo "bond_$a=$(cat "$p/bonding/$a" 2>/dev/null)"; done
done`;

/**
 * Each `*.fact` file under `dir` as lines `F <path>`, `C <content>` (hex: no content or name can fake a
 * line) and, for executables, which are run, `R <exit code>`. A dangling symlink is `F <path>` then `S`
 * (it cannot be stat'ed, which Ansible reports as that fact's value).
 */
export function localFacts(dir: string): string {
  return `hex() { od -An -v -tx1 | tr -d ' \\n'; }; for f in ${shellQuote(dir)}/*.fact; do ` +
    `if [ ! -e "$f" ]; then [ -L "$f" ] || continue; printf 'F '; printf '%s' "$f" | hex; printf '\\nS\\n'; continue; fi; ` +
    `[ -f "$f" ] || continue; printf 'F '; printf '%s' "$f" | hex; printf '\\nC '; ` +
    `if [ -x "$f" ]; then o=$("$f" 2>/dev/null); rc=$?; printf '%s' "$o" | hex; printf '\\nR %s\\n' "$rc"; else hex < "$f"; echo; fi; done; true`;
}

/**
 * mtab, bind mounts (findmnt), filesystem UUIDs (lsblk) and one `stat -f` over every real mount, cut
 * off after gather_timeout ($GT) seconds: a hung network mount must not hang the whole gathering.
 */
const MOUNTS = `m=/etc/mtab; [ -e "$m" ] || m=/proc/mounts
echo @mtab; cat "$m"
echo @bind; findmnt --list --noheadings --notruncate 2>/dev/null
echo @uuid; lsblk --list --noheadings --paths --output NAME,UUID --exclude 2 2>/dev/null
echo @statvfs; set --
while read -r dev mnt fs rest; do case "$dev" in /*|\\\\*|*:/*) [ "$fs" = none ] || set -- "$@" "$(printf '%b' "$(echo "$mnt" | sed 's/\\\\\\([0-7][0-7][0-7]\\)/\\\\0\\1/g')")";; esac; done < "$m"
TO=; command -v timeout >/dev/null 2>&1 && TO="timeout \${GT:-10}"
[ $# -gt 0 ] && $TO stat -f -c '%S %s %b %a %f %c %d %n' "$@"; true`;

/** Block devices from sysfs: /dev/disk links, dm masters, lspci, then each device and partition's attributes. */
const DEVICES = `echo @links
for t in ids:by-id uuids:by-uuid labels:by-label; do d=/dev/disk/\${t#*:}; [ -d "$d" ] || continue; for e in $(ls -U "$d"); do l=$(readlink "$d/$e") && echo "\${t%%:*} $e $l"; done; done
echo @masters; ls -d /sys/block/*/slaves/* 2>/dev/null
echo @lspci; command -v lspci >/dev/null 2>&1 && lspci -D 2>/dev/null
for b in $(ls -U /sys/block 2>/dev/null); do
  l=$(readlink "/sys/block/$b"); s=/sys/block/\${l:-$b}; echo "@block $b $l"
  for f in device/vendor device/model device/sas_address device/sas_device_handle device/serial removable queue/discard_granularity queue/rotational queue/scheduler size queue/logical_block_size queue/hw_sector_size; do ${READ('"$s/$f"')} && echo "$f=$v"; done
  echo "entries=$(ls -U "$s" | tr '\n' ' ')"
  for h in $(ls -U "$s/holders" 2>/dev/null); do ${READ('"$s/holders/$h/dm/name"')}; echo "holder=$h $v"; done
  for p in $(ls -U "$s"); do case "$p" in *"$b"*) [ -d "$s/$p" ] || continue; echo "@part $p"
    for f in start size queue/logical_block_size queue/hw_sector_size; do ${READ('"$s/$p/$f"')} && echo "$f=$v"; done
    for h in $(ls -U "$s/$p/holders" 2>/dev/null); do ${READ('"$s/$p/holders/$h/dm/name"')}; echo "holder=$h $v"; done;; esac; done
done; true`;

/** The shell for each section, by name. */
export const SECTIONS = {
  uname: 'uname -s; uname -r; uname -v; uname -m; uname -n; getconf LONG_BIT 2>/dev/null || echo',
  machine_id: 'cat /var/lib/dbus/machine-id 2>/dev/null || cat /etc/machine-id 2>/dev/null',
  // Python's socket.getfqdn(): resolve the hostname, then look the first address up in reverse.
  fqdn: `h=$(uname -n); a=$(getent ahosts "$h" 2>/dev/null | awk 'NR==1{print $1}'); [ -n "$a" ] && getent hosts "$a" 2>/dev/null | head -n 1`,
  python: `PATH=$P0; ok=; ${PLATFORM_PYTHON}
for p in \${TSIBLE_PY:+"$TSIBLE_PY"} \${PP:+"$PP"} ${FALLBACK_PYTHONS.join(' ')}; do if command -v "$p" >/dev/null 2>&1; then "$p" -c ${shellQuote(PYTHON_PROBE)} 2>/dev/null && ok=1 && break; fi; done; [ -n "$ok" ] || { echo @env; env; }`,
  os_release: 'cat /etc/os-release 2>/dev/null || cat /usr/lib/os-release 2>/dev/null',
  dist_files: readFiles(['/etc/debian_version', '/etc/redhat-release', '/etc/centos-release', '/etc/oracle-release', '/etc/alpine-release', '/etc/SuSE-release', '/etc/gentoo-release', '/etc/system-release', '/etc/altlinux-release', '/etc/slackware-version']),
  lsb: 'if command -v lsb_release >/dev/null 2>&1; then lsb_release -a 2>/dev/null; else echo @file; cat /etc/lsb-release 2>/dev/null; fi',
  security: `[ -e /sys/kernel/security/apparmor ] && echo apparmor=1; echo "fips=$(cat /proc/sys/crypto/fips_enabled 2>/dev/null)"; command -v capsh >/dev/null 2>&1 && capsh --print 2>/dev/null | grep '^Current:'`,
  chroot: 'echo "debian_chroot=${debian_chroot:-}"; stat -c "%d %i" / 2>/dev/null; stat -c "%d %i" /proc/1/root/. 2>/dev/null || echo; stat -f -c %T / 2>/dev/null',
  pkg_mgr: `for p in ${PKG_PATHS.join(' ')}; do [ -e "$p" ] && echo "$p"; done; [ -e /usr/bin/rpm ] && /usr/bin/rpm -q --whatprovides /usr/bin/apt-get >/dev/null 2>&1 && echo apt_rpm; true`,
  service_mgr: `echo "comm=$(cat /proc/1/comm 2>/dev/null)"; [ -L /sbin/init ] && echo "init=$(readlink /sbin/init)"; command -v systemctl >/dev/null 2>&1 && echo systemctl=1; command -v initctl >/dev/null 2>&1 && echo initctl=1; for f in /run/systemd/system/ /dev/.run/systemd/ /dev/.systemd/ /etc/init/ /sbin/openrc /etc/init.d/; do [ -e "$f" ] && echo "exists=$f"; done; true`,
  cmdline: 'cat /proc/cmdline 2>/dev/null',
  date: `LC_ALL=C date '+%Y|%m|%A|%w|%W|%d|%H|%M|%S|%s|%N|%Z|%z'; LC_ALL=C date -d 2000-01-01 '+%Z|%z' 2>/dev/null; LC_ALL=C date -d 2000-07-01 '+%Z|%z' 2>/dev/null`,
  loadavg: 'cat /proc/loadavg 2>/dev/null',
  ssh_keys: `for d in /etc/ssh /etc/openssh /etc; do for t in dsa rsa ecdsa ed25519; do [ -r "$d/ssh_host_\${t}_key.pub" ] && echo "$t $(cat "$d/ssh_host_\${t}_key.pub")"; done | grep . && break; done; true`,
  user: `n=\${LOGNAME:-\${USER:-\${LNAME:-\${USERNAME:-$(id -un 2>/dev/null)}}}}; echo "$n"; id -ru; id -u; id -rg; getent passwd "$n" 2>/dev/null || getent passwd "$(id -u)" 2>/dev/null || grep "^$n:" /etc/passwd`,
  dns: 'cat /etc/resolv.conf 2>/dev/null',
  local: localFacts('/etc/ansible/facts.d'),
  virtual: `cat /proc/1/cgroup 2>/dev/null | sed 's/^/cgroup=/'; tr '\\0' '\\n' < /proc/1/environ 2>/dev/null | grep '^container=' | sed 's/^/environ=/'; for f in /proc/vz /proc/lve /proc/bc /.dockerenv /.dockerinit /proc/xen /dev/kvm; do [ -e "$f" ] && echo "exists=$f"; done; echo "systemd_container=$(cat /run/systemd/container 2>/dev/null)"; grep -q control_d /proc/xen/capabilities 2>/dev/null && echo xen_host=1; cut -d' ' -f1 /proc/modules 2>/dev/null | grep -E '^(kvm|vboxdrv|virtio)$' | sed 's/^/module=/'; true`,
  dmi: `for f in ${DMI.join(' ')}; do [ -r /sys/devices/virtual/dmi/id/$f ] && echo "$f=$(cat /sys/devices/virtual/dmi/id/$f 2>/dev/null)"; done; true`,
  mounts: MOUNTS,
  devices: DEVICES,
  lvm: `if [ "$(id -u)" = 0 ] && command -v vgs >/dev/null 2>&1; then o='--noheadings --nosuffix --units g --separator ,'; echo @vgs; vgs $o; echo @lvs; lvs $o; echo @pvs; pvs $o; fi`,
  meminfo: "grep -E '^(MemTotal|MemFree|SwapTotal|SwapFree|Buffers|Cached|SwapCached):' /proc/meminfo 2>/dev/null",
  cpuinfo: '[ -e /proc/xen ] && echo @xen; grep -E "^(model name|Processor|vendor_id|cpu|Vendor|processor|physical id|core id|cpu cores|siblings|# processors|ncpus active|flags)\\s*:" /proc/cpuinfo 2>/dev/null',
  nproc: 'nproc 2>/dev/null',
  uptime: 'cat /proc/uptime 2>/dev/null',
  net_sysfs: NET_SYSFS,
  ip_route: 'ip -4 route get 8.8.8.8 2>/dev/null | head -n 1; echo @v6; ip -6 route get 2404:6800:400a:800::1012 2>/dev/null | head -n 1',
  ip_addr: 'ip addr show primary 2>/dev/null || ip addr show 2>/dev/null; echo @secondary; ip addr show secondary 2>/dev/null',
  iscsi: `grep '^InitiatorName=' /etc/iscsi/initiatorname.iscsi 2>/dev/null | head -n 1 | cut -d= -f2-`,
  nvme: 'cat /etc/nvme/hostnqn 2>/dev/null',
  fc_wwn: 'cat /sys/class/fc_host/*/port_name 2>/dev/null',
} satisfies Record<string, string>;

export type SectionName = keyof typeof SECTIONS;

/** Sections slow enough (a Python start each) to run in the background while the rest runs. */
const BACKGROUND = new Set<SectionName>(['python', 'lsb']);


/**
 * The script printing every named section, each after its marker line. Slow sections run in the
 * background into a temporary directory and are printed last; without mktemp they run in line.
 */
export function buildScript(names: Iterable<SectionName>, extra: Partial<Record<SectionName, string>> = {}): string {
  const unique = [...new Set(names)];
  const id = randomBytes(16).toString('hex');
  // On a line of its own even after a section whose output has no final newline.
  const section = (name: SectionName, text: string) => `printf '\\n%s\\n' '@@${id}:${name}'\n{ ${text}\n} 2>/dev/null`;
  const body = (name: SectionName) => extra[name] ?? SECTIONS[name];
  const slow = unique.filter((n) => BACKGROUND.has(n));
  const start = slow.map((n) => `if [ -n "$T" ]; then { ${body(n)}\n} >"$T/${n}" 2>/dev/null & fi`);
  const finish = slow.map((n) => section(n, `if [ -n "$T" ]; then cat "$T/${n}"; else ${body(n)}\nfi`));
  return [
    `echo '@@tsible-facts-${id}'`,
    // Ansible finds tools on PATH and then in the sbin directories; the environment keeps the PATH as it was.
    'P0=$PATH; PATH=$PATH:/sbin:/usr/sbin:/usr/local/sbin',
    'T=$(mktemp -d "${TMPDIR:-/tmp}/tsible-facts-XXXXXX" 2>/dev/null)',
    ...start,
    ...unique.filter((n) => !BACKGROUND.has(n)).map((n) => section(n, body(n))),
    'wait',
    ...finish,
    '[ -n "$T" ] && rm -rf "$T"',
    'true',
  ].join('\n');
}

/**
 * The script's output split back into sections by name; a section that printed nothing maps to ''. A
 * section named twice means its marker got out (the script is on the host's process list): refused.
 */
export function splitSections(stdout: string): Map<string, string> {
  const out = new Map<string, string>();
  const head = HEADER.exec(stdout);
  if (!head) return out;
  const mark = `@@${head[1]}:`;
  let name: string | undefined;
  let lines: string[] = [];
  const flush = () => name !== undefined && out.set(name, lines.join('\n').replace(/\n+$/, ''));
  for (const line of stdout.slice(head.index + head[0].length).split('\n')) {
    if (line.startsWith(mark)) {
      flush();
      name = line.slice(mark.length);
      if (out.has(name)) throw new Error(`the host's facts output names section ${name} twice; refusing to read it`);
      lines = [];
    } else if (name !== undefined) lines.push(line);
  }
  flush();
  return out;
}
