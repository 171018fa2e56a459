import { promises as fs } from 'fs';
import type { ControllerFile } from '../../engine/connection/connection';
import { TsibleError } from '../../engine/errors';
import { VAULT_HEADER } from '../../engine/vault/format';
import { runVault } from '../../engine/vault/vault';

/**
 * A controller file as copy sends it: decrypted on the controller when ansible-vault encrypted it (unless
 * `decrypt: no`), streamed as it is otherwise. A vaulted file that cannot be decrypted is the task's
 * failure, with Ansible's message.
 */
export async function controllerSource(path: string, decrypt: boolean): Promise<Buffer | ControllerFile | string> {
  if (!decrypt || !(await startsWithHeader(path))) return { localPath: path };
  try {
    return runVault().decrypt((await fs.readFile(path)).toString('latin1'), { file: path });
  } catch (err) {
    if (err instanceof TsibleError) return err.message;
    throw err;
  }
}

async function startsWithHeader(path: string): Promise<boolean> {
  const handle = await fs.open(path, 'r');
  try {
    const head = Buffer.alloc(VAULT_HEADER.length);
    const { bytesRead } = await handle.read(head, 0, head.length, 0);
    return head.subarray(0, bytesRead).toString('latin1') === VAULT_HEADER;
  } finally {
    await handle.close();
  }
}
