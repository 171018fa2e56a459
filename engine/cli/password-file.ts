import { execFileSync } from 'child_process';
import { existsSync, readFileSync } from 'fs';
import { TsibleError } from '../errors';
import { isExecutable } from '../executable';

/**
 * A password from --connection-password-file / --become-password-file, as Ansible reads one: `-` is
 * standard input, an executable file is run and its output taken, any other file is read; surrounding
 * whitespace is dropped, and an empty password is an error.
 */
export function readPasswordFile(file: string): string {
  let secret: string;
  if (file === '-') secret = readFileSync(0, 'utf8');
  else if (!existsSync(file)) throw new TsibleError(`The password file ${file} was not found`);
  else if (isExecutable(file)) secret = runScript(file);
  else secret = readFileSync(file, 'utf8').trim();
  secret = secret.replace(/^[\r\n]+|[\r\n]+$/g, '');
  if (!secret) throw new TsibleError(`Empty password was provided from file (${file})`);
  return secret;
}

function runScript(file: string): string {
  try {
    return execFileSync(file, [], { encoding: 'utf8', stdio: ['inherit', 'pipe', 'pipe'] });
  } catch (err) {
    const e = err as { status?: number | null; stderr?: string; message: string };
    if (typeof e.status === 'number') throw new TsibleError(`The password script ${file} returned an error (rc=${e.status}): ${e.stderr ?? ''}`);
    throw new TsibleError(`Problem occured when trying to run the password script ${file} (${e.message}). If this is not a script, remove the executable bit from the file.`);
  }
}
