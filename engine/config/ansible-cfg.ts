import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ExitCode, Origin, TsibleError } from '../errors';
import { coerce, CoercionError, PathContext } from './coerce';
import { findConfigFile } from './find-config';
import { IniFile, iniGet, parseIni } from './ini';
import { ANSIBLE_HOME, becomeUserSetting, DefaultsContext, SETTINGS, SettingDef } from './settings';
import { Config } from './types';

export interface LoadConfigOptions {
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** The user's home for `~` and ~/.ansible.cfg; $HOME, then the OS's idea, when absent. */
  home?: string;
  /** Stands in for /etc/ansible/ansible.cfg (tests). */
  systemFile?: string;
}

type Source = Origin | { env: string };
interface Raw {
  text: string;
  source: Source;
}

/**
 * ansible.cfg plus ANSIBLE_* variables, as ansible-core 2.14 reads them: variables beat the file, the
 * file beats defaults. A malformed file or a value of the wrong type is a TsibleError (exit 5) naming
 * where it was set.
 */
export function loadConfig(opts: LoadConfigOptions): Config {
  const home = opts.home ?? opts.env.HOME ?? os.homedir();
  const found = findConfigFile({ cwd: opts.cwd, env: opts.env, home, systemFile: opts.systemFile });
  const ini = found.file ? readIni(found.file) : undefined;
  const reader = new SettingReader(ini, opts.env, { baseDir: opts.cwd, home, env: opts.env }, found.file);
  const defaultsCtx: DefaultsContext = { ansibleHome: reader.value(ANSIBLE_HOME, { ansibleHome: '' }) as string };

  const values: Record<string, Record<string, unknown>> = { defaults: {}, privilege_escalation: {}, ssh_connection: {} };
  for (const setting of SETTINGS) {
    const def = becomeUserSetting(setting, String(values.privilege_escalation.become_method));
    const value = reader.value(def, defaultsCtx);
    if (value !== undefined) values[def.section][def.name] = value;
  }
  return {
    file: found.file,
    ...(values as Pick<Config, 'defaults' | 'privilege_escalation' | 'ssh_connection'>),
    sources: reader.sources,
    warnings: found.warnings,
    ignored_settings: ini ? ignoredSettings(ini) : [],
  };
}

function readIni(file: string): IniFile {
  const ext = path.extname(file);
  if (ext !== '.cfg' && ext !== '.ini') {
    throw new TsibleError(`Unsupported configuration file extension for ${file}: ${ext}`, {
      exitCode: ExitCode.badOptions,
      hint: 'ansible.cfg must be an ini file named *.cfg or *.ini',
    });
  }
  return parseIni(fs.readFileSync(file, 'utf8'), file);
}

class SettingReader {
  readonly sources: Record<string, Source> = {};

  constructor(
    private readonly ini: IniFile | undefined,
    private readonly env: NodeJS.ProcessEnv,
    private readonly cwdCtx: PathContext,
    private readonly file: string | undefined,
  ) {}

  /** The coerced value, recording its source when it was set rather than defaulted. */
  value(def: SettingDef, defaultsCtx: DefaultsContext): unknown {
    const raw = this.fromEnv(def) ?? this.fromIni(def);
    if (raw) {
      const coerced = this.tryCoerce(def, raw);
      if (coerced !== undefined) {
        this.sources[`${def.section}.${def.name}`] = raw.source;
        return coerced;
      }
    }
    const fallback = typeof def.default === 'function' ? def.default(defaultsCtx) : def.default;
    return fallback === undefined ? undefined : coerce(fallback, def.type, this.cwdCtx);
  }

  /** An empty variable that would not coerce counts as unset, as in Ansible. */
  private tryCoerce(def: SettingDef, raw: Raw): unknown {
    const ctx = 'env' in raw.source || !this.file ? this.cwdCtx : { ...this.cwdCtx, baseDir: path.dirname(this.file) };
    try {
      const value = coerce(raw.text, def.type, ctx);
      if (def.choices && !def.choices.includes(value as string)) {
        throw new CoercionError(`'${raw.text}' is not one of: ${def.choices.join(', ')}`);
      }
      return value;
    } catch (err) {
      if (!(err instanceof CoercionError)) throw err;
      if ('env' in raw.source && raw.text === '') return undefined;
      throw badValue(def, raw.source, err.message);
    }
  }

  private fromEnv(def: SettingDef): Raw | undefined {
    const name = [...def.env].reverse().find((n) => this.env[n] !== undefined);
    return name === undefined ? undefined : { text: this.env[name] as string, source: { env: name } };
  }

  private fromIni(def: SettingDef): Raw | undefined {
    if (!this.ini) return undefined;
    for (const [section, key] of [...def.ini].reverse()) {
      const hit = iniGet(this.ini, section, key);
      if (hit) return { text: hit.value, source: hit.origin };
    }
    return undefined;
  }
}

function badValue(def: SettingDef, source: Source, why: string): TsibleError {
  if ('env' in source) {
    return new TsibleError(`Invalid value for ${source.env}: ${why}`, { exitCode: ExitCode.badOptions });
  }
  return new TsibleError(`Invalid value for ${def.name} in ${source.file}: ${why}`, {
    origin: source,
    exitCode: ExitCode.badOptions,
  });
}

function ignoredSettings(ini: IniFile): NonNullable<Config['ignored_settings']> {
  const defs = [ANSIBLE_HOME, ...['sudo', 'su'].flatMap((method) => SETTINGS.map((def) => becomeUserSetting(def, method)))];
  const read = new Set(defs.flatMap((def) => def.ini.map(([s, k]) => `${s}\0${k}`)));
  const out: NonNullable<Config['ignored_settings']> = [];
  for (const [section, entries] of ini.sections) {
    for (const [key, { origin }] of entries) {
      if (!read.has(`${section}\0${key}`)) out.push({ section, key, origin });
    }
  }
  return out;
}
