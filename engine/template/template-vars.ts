import { statSync } from 'fs';
import { hostname, userInfo } from 'os';
import { resolve } from 'path';
import { TsibleError } from '../errors';
import { PyDateTime } from './datetime';

/**
 * The variables Ansible adds when it renders a template file (template module and `template` lookup):
 * `ansible_managed` (ansible.cfg's pattern, "Ansible managed" by default), `template_host`, `template_path`,
 * `template_fullpath`, `template_uid`, `template_mtime`, `template_run_date` and `template_destpath`.
 */
export function ansibleTemplateVars(path: string, fullpath?: string, destPath?: string, managed = 'Ansible managed'): Record<string, unknown> {
  const full = fullpath ?? resolve(path);
  const st = statSync(full);
  let uid: string;
  try {
    uid = st.uid === process.getuid?.() ? userInfo().username : String(st.uid);
  } catch {
    uid = String(st.uid);
  }
  const host = hostname();
  return {
    template_host: host,
    template_path: path,
    template_fullpath: full,
    template_uid: uid,
    template_mtime: new PyDateTime(st.mtime, false),
    template_run_date: new PyDateTime(new Date(), false),
    template_destpath: destPath ?? null,
    ansible_managed: new PyDateTime(st.mtime, false).strftime(managedText(managed, { host, uid, file: path })),
  };
}

/** The pattern filled in as Python's str.format fills it: {host}, {uid}, {file}; `{{` and `}}` are braces. */
function managedText(pattern: string, fields: Record<string, string>): string {
  return pattern.replace(/\{\{|\}\}|\{([^{}]*)\}/g, (whole, name: string | undefined) => {
    if (name === undefined) return whole[0];
    if (!(name in fields)) throw new TsibleError(`ansible_managed in ansible.cfg names the field {${name}}; only {host}, {uid} and {file} exist`);
    return fields[name];
  });
}
