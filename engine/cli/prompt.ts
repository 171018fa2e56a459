import { createInterface } from 'readline';

/**
 * Asks for a secret on the terminal without echoing it (-K "BECOME password:", -k "SSH password:").
 * Without a terminal it reads one line from standard input, as Ansible's prompts do when piped.
 */
export function askSecret(prompt: string, input: NodeJS.ReadStream = process.stdin, output: NodeJS.WriteStream = process.stderr): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    const rl = createInterface({ input, output, terminal: Boolean(input.isTTY) });
    const muted = rl as unknown as { _writeToOutput?: (s: string) => void };
    output.write(prompt);
    if (input.isTTY) muted._writeToOutput = () => undefined;
    rl.once('line', (line) => {
      if (input.isTTY) output.write('\n');
      rl.close();
      resolvePromise(line);
    });
    rl.once('close', () => reject(new Error('no password was given')));
  });
}
