import { optionalString } from '../schema-parts';

/** The apt module's arguments, as Ansible 2.14 spells them. */
export interface AptArgs {
  name?: string[];
  state: 'present' | 'absent' | 'latest' | 'fixed';
  update_cache?: boolean;
  update_cache_retries: number;
  update_cache_retry_max_delay: number;
  cache_valid_time: number;
  purge: boolean;
  deb?: string;
  default_release?: string;
  install_recommends?: boolean;
  force: boolean;
  upgrade: 'dist' | 'full' | 'no' | 'safe' | 'yes';
  dpkg_options: string;
  autoremove: boolean;
  autoclean: boolean;
  fail_on_autoremove: boolean;
  only_upgrade: boolean;
  force_apt_get: boolean;
  clean: boolean;
  allow_unauthenticated: boolean;
  allow_downgrade: boolean;
  allow_change_held_packages: boolean;
  lock_timeout: number;
  policy_rc_d?: number;
}

const bool = (dflt: boolean) => ({ type: 'boolean', default: dflt }) as const;
const int = (dflt: number) => ({ type: 'integer', default: dflt }) as const;

export const aptProperties = {
  name: { type: 'array', items: { type: 'string' }, nullable: true },
  state: { type: 'string', enum: ['present', 'absent', 'latest', 'fixed'], default: 'present' },
  update_cache: { type: 'boolean', nullable: true },
  update_cache_retries: int(5),
  update_cache_retry_max_delay: int(12),
  cache_valid_time: int(0),
  purge: bool(false),
  deb: optionalString,
  default_release: optionalString,
  install_recommends: { type: 'boolean', nullable: true },
  force: bool(false),
  upgrade: { type: 'string', enum: ['dist', 'full', 'no', 'safe', 'yes'], default: 'no' },
  dpkg_options: { type: 'string', default: 'force-confdef,force-confold' },
  autoremove: bool(false),
  autoclean: bool(false),
  fail_on_autoremove: bool(false),
  only_upgrade: bool(false),
  force_apt_get: bool(false),
  clean: bool(false),
  allow_unauthenticated: bool(false),
  allow_downgrade: bool(false),
  allow_change_held_packages: bool(false),
  lock_timeout: int(60),
  policy_rc_d: { type: 'integer', nullable: true },
} as const;

export const aptArgAliases = {
  name: ['package', 'pkg'],
  update_cache: ['update-cache'],
  default_release: ['default-release'],
  install_recommends: ['install-recommends'],
  allow_unauthenticated: ['allow-unauthenticated'],
  allow_downgrade: ['allow-downgrade', 'allow_downgrades', 'allow-downgrades'],
};

export const aptArgDocs: Record<keyof AptArgs, string> = {
  name: "Packages: a list or a comma-separated string; `foo=1.0*` (version glob), `foo>=1.0`, `foo*` (name glob).",
  state: 'present, absent, latest (upgrade to the candidate) or fixed (install with --fix-broken).',
  update_cache: 'Run `apt-get update` first. In check mode the lists are fetched into a temporary directory to predict installs.',
  update_cache_retries: 'Attempts at updating the cache.',
  update_cache_retry_max_delay: 'Longest wait between attempts, in seconds.',
  cache_valid_time: 'Update the cache only when it is older than this many seconds.',
  purge: 'With state=absent, also remove configuration files.',
  deb: 'A .deb file on the host, or a URL the host downloads, to install with dpkg.',
  default_release: 'apt-get -t: the release packages are preferred from.',
  install_recommends: 'Install recommended packages (true/false); unset keeps the host default.',
  force: 'apt-get --force-yes (dangerous).',
  upgrade: 'yes/safe: apt-get upgrade --with-new-pkgs; dist/full: apt-get dist-upgrade.',
  dpkg_options: 'dpkg options, comma-separated, each passed as -o Dpkg::Options::=--OPTION.',
  autoremove: 'Remove dependencies no longer needed.',
  autoclean: 'Remove downloaded archives that can no longer be downloaded.',
  fail_on_autoremove: 'apt-get --no-remove: fail rather than remove packages.',
  only_upgrade: 'Only upgrade packages that are installed.',
  force_apt_get: 'Use apt-get (tsible always does; accepted for compatibility).',
  clean: 'apt-get clean: remove all downloaded archives.',
  allow_unauthenticated: 'Install unauthenticated packages.',
  allow_downgrade: 'Allow installing an older version than the installed one.',
  allow_change_held_packages: 'Allow changing held packages.',
  lock_timeout: 'Seconds to wait for the apt/dpkg lock another process holds before failing.',
  policy_rc_d: 'While packages change, /usr/sbin/policy-rc.d exits with this code (101: do not start services); the previous file is restored.',
};
