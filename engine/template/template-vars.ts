import { statSync } from 'fs';
import { hostname, userInfo } from 'os';
import { resolve } from 'path';
import { PyDateTime } from './datetime';

/**
 * The variables Ansible adds when it renders a template file (template module and `template` lookup):
 * `ansible_managed` ("Ansible managed", Ansible's default), `template_host`, `template_path`,
 * `template_fullpath`, `template_uid`, `template_mtime`, `template_run_date` and `template_destpath`.
 */
export function ansibleTemplateVars(path: string, fullpath?: string, destPath?: string): Record<string, unknown> {
  const full = fullpath ?? resolve(path);
  const st = statSync(full);
  let uid: string;
  try {
    uid = st.uid === process.getuid?.() ? userInfo().username : String(st.uid);
  } catch {
    uid = String(st.uid);
  }
  return {
    template_host: hostname(),
    template_path: path,
    template_fullpath: full,
    template_uid: uid,
    template_mtime: new PyDateTime(st.mtime, false),
    template_run_date: new PyDateTime(new Date(), false),
    template_destpath: destPath ?? null,
    ansible_managed: 'Ansible managed',
  };
}
