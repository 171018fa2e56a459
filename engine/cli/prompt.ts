import { createInterface } from 'readline';
import { ExitCode, TsibleError } from '../errors';
import type { PromptQuestion } from '../executor/vars-prompt';

/**
 * Asks for a secret on the terminal without echoing it (-K "BECOME password:", -k "SSH password:").
 * Without a terminal it reads one line from standard input, as Ansible's prompts do when piped.
 */
export function askSecret(prompt: string, input: NodeJS.ReadStream = process.stdin, output: NodeJS.WriteStream = process.stderr): Promise<string> {
  return askTerminal(prompt, true, input, output);
}

/**
 * vars_prompt's question on the terminal: private answers are not echoed, and a confirmed one is asked
 * again until both agree, as ansible-playbook does.
 */
export async function askVarsPrompt(q: PromptQuestion, input: NodeJS.ReadStream = process.stdin, output: NodeJS.WriteStream = process.stderr): Promise<string> {
  for (;;) {
    const first = await askTerminal(q.message, q.private, input, output);
    if (!q.confirm) return first;
    if ((await askTerminal(`confirm ${q.message}`, q.private, input, output)) === first) return first;
    output.write('***** VALUES ENTERED DO NOT MATCH ****\n');
  }
}

function askTerminal(prompt: string, hidden: boolean, input: NodeJS.ReadStream, output: NodeJS.WriteStream): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    const rl = createInterface({ input, output, terminal: Boolean(input.isTTY) });
    const muted = rl as unknown as { _writeToOutput?: (s: string) => void };
    let answered = false;
    // An echoed answer is edited by readline, which redraws the prompt with the line.
    if (input.isTTY && !hidden) {
      rl.setPrompt(prompt);
      rl.prompt();
    } else output.write(prompt);
    if (input.isTTY && hidden) muted._writeToOutput = () => undefined;
    rl.once('line', (line) => {
      answered = true;
      if (input.isTTY && hidden) output.write('\n');
      rl.close();
      resolvePromise(line);
    });
    // A terminal's Ctrl-C reaches readline, not the process: end the run as an interrupt would.
    rl.once('SIGINT', () => {
      answered = true;
      output.write('\n');
      rl.close();
      reject(new TsibleError('User interrupted execution', { exitCode: ExitCode.userInterrupt }));
    });
    rl.once('close', () => {
      if (!answered) reject(new TsibleError('no answer was given', { exitCode: ExitCode.error }));
    });
  });
}

/** --step's question before each task, answered with y, n (the default) or c. */
export async function askStep(taskName: string): Promise<'yes' | 'no' | 'continue'> {
  const answer = (await askLine(`Perform task: TASK: ${taskName} (N)o/(y)es/(c)ontinue: `)).trim().toLowerCase();
  if (answer.startsWith('y')) return 'yes';
  if (answer.startsWith('c')) return 'continue';
  return 'no';
}

/**
 * Lines of standard input, read by one reader for the whole run: answers typed (or piped) ahead are kept
 * for the next question instead of being lost with a closed reader.
 */
let lines: { queue: string[]; waiting: ((line: string) => void)[]; ended: boolean } | undefined;

function nextLine(): Promise<string> {
  if (!lines) {
    const state = { queue: [] as string[], waiting: [] as ((line: string) => void)[], ended: false };
    const rl = createInterface({ input: process.stdin, terminal: false });
    rl.on('line', (line) => (state.waiting.length ? state.waiting.shift()!(line) : state.queue.push(line)));
    rl.on('close', () => {
      state.ended = true;
      state.waiting.splice(0).forEach((w) => w(''));
    });
    lines = state;
  }
  const state = lines;
  if (state.queue.length) return Promise.resolve(state.queue.shift()!);
  if (state.ended) return Promise.resolve('');
  return new Promise((resolvePromise) => state.waiting.push(resolvePromise));
}

/** One line of input after a prompt on stderr; '' when input has ended. */
function askLine(prompt: string): Promise<string> {
  process.stderr.write(prompt);
  return nextLine();
}
