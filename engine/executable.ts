import { accessSync, constants, statSync } from 'fs';

/** Whether a password or vault-id source is a script to run rather than a file to read, as Ansible decides. */
export function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return statSync(file).isFile();
  } catch {
    return false;
  }
}
