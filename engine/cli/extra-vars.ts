import * as fs from 'fs';
import * as path from 'path';
import { ExitCode, Origin, TsibleError } from '../errors';
import { originOf, parseYaml } from '../playbook/yaml';
import { unvaultText } from '../vault/vault';
import { parseKv } from '../playbook/kv-args';
import { setCombined } from '../vars/combine';

/** The merged -e variables, and for each top-level name that came from an @file, where it was set. */
export interface ExtraVars {
  vars: Record<string, unknown>;
  origins: Record<string, Origin>;
}

/**
 * Reads each -e as Ansible does: `@file` (JSON or YAML), inline `{…}`/`[…]` JSON or YAML, else `key=value` pairs
 * with shell-like quoting (values stay strings; bare words gather in `_raw_params`). Later -e win per
 * top-level name; nested mappings are replaced, or merged under hash_behaviour=merge.
 */
export function parseExtraVars(values: string[], cwd = process.cwd()): ExtraVars {
  const result: ExtraVars = { vars: {}, origins: {} };
  for (const value of values) {
    if (!value) continue;
    const shown = value.startsWith('@') ? `@${path.resolve(cwd, value.slice(1))}` : value;
    const { data, positions } = readOne(value, cwd);
    if (data === null || typeof data !== 'object' || Array.isArray(data)) {
      throw new TsibleError(`Invalid extra vars data supplied. '${shown}' could not be made into a dictionary`, {
        exitCode: ExitCode.badOptions,
      });
    }
    for (const [key, v] of Object.entries(data)) {
      setCombined(result.vars, key, v);
      const origin = originOf(positions, key);
      if (origin) result.origins[key] = origin;
      else delete result.origins[key];
    }
  }
  return result;
}

/** A -e value's data, and (for files) a YAML-loaded twin whose keys know their line and column. */
interface Loaded {
  data: unknown;
  positions?: unknown;
}

function readOne(value: string, cwd: string): Loaded {
  if (value.startsWith('@')) return readFile(path.resolve(cwd, value.slice(1)));
  if (value.startsWith('/') || value.startsWith('.')) {
    throw new TsibleError(`Please prepend extra_vars filename '${value}' with '@'`, { exitCode: ExitCode.badOptions });
  }
  if (value.startsWith('{') || value.startsWith('[')) return { data: jsonOrYaml(value, '<extra vars>').data };
  return { data: parseKv(value) };
}

function readFile(file: string): Loaded {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    throw new TsibleError(`Unable to retrieve file contents\nCould not find or access '${file}'`);
  }
  return jsonOrYaml(unvaultText(text, file), file);
}

/** JSON first, then YAML, as Ansible reads: `{"n": 1e3}` is the number 1000, not YAML 1.1's string '1e3'. */
function jsonOrYaml(text: string, file: string): Loaded {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    const yaml = parseYaml(text, file);
    return { data: yaml, positions: yaml };
  }
  return { data, positions: yamlTwin(text, file) };
}

/** Positions for JSON data; some JSON is not YAML 1.1, and then there are simply none. */
function yamlTwin(text: string, file: string): unknown {
  try {
    return parseYaml(text, file);
  } catch {
    return undefined;
  }
}
