import { TsibleError } from '../errors';

/** A whole file encrypted with ansible-vault cannot be read without the vault support tsible lacks. */
export function rejectVaulted(text: string, file: string): void {
  if (!text.startsWith('$ANSIBLE_VAULT;')) return;
  throw new TsibleError(`${file} is encrypted with ansible-vault, which tsible cannot decrypt yet`, {
    origin: { file, line: 1, column: 1 },
    hint: 'decrypt it with `ansible-vault decrypt`, or keep the secret out of the inventory for now',
  });
}
