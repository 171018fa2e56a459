import { readFile } from 'fs/promises';
import { AnyAuthMethod, AuthenticationType, AuthHandlerMiddleware, ParsedKey, utils } from 'ssh2';

/** What authentication may use, in the order OpenSSH tries it: key files, the agent, then the password. */
export interface AuthInputs {
  user: string;
  identityFiles: string[];
  passphrase?: string;
  askPassphrase?: (keyFile: string) => Promise<string | undefined>;
  agentSocket?: string;
  password?: string;
  /**
   * Why the password must not be sent after all, learnt during the key exchange (the host's key changed
   * and was accepted anyway), or undefined.
   */
  passwordWithheld?: () => string | undefined;
}

export interface LoadedKey {
  file: string;
  key: ParsedKey;
}

/**
 * Reads and decrypts the key files that exist. A missing or undecryptable key is skipped, as ssh skips
 * it, so the agent or the password can still get us in.
 */
export async function loadKeys(inputs: AuthInputs): Promise<LoadedKey[]> {
  const keys: LoadedKey[] = [];
  for (const file of inputs.identityFiles) {
    let data: Buffer;
    try {
      data = await readFile(file);
    } catch {
      continue;
    }
    const key = await decrypt(file, data, inputs);
    if (key) keys.push({ file, key });
  }
  return keys;
}

async function decrypt(file: string, data: Buffer, inputs: AuthInputs): Promise<ParsedKey | null> {
  let parsed = utils.parseKey(data, inputs.passphrase);
  if (parsed instanceof Error && /passphrase/i.test(parsed.message) && inputs.askPassphrase) {
    const answer = await inputs.askPassphrase(file);
    if (answer === undefined) return null;
    parsed = utils.parseKey(data, answer);
  }
  if (parsed instanceof Error) return null;
  const key = Array.isArray(parsed) ? parsed[0] : parsed;
  return key && key.isPrivateKey() ? key : null;
}

/**
 * An ssh2 auth handler offering each method the server still accepts, in order; when all are spent the
 * connection fails with "All configured authentication methods failed". `serverMethods` hears which
 * methods the server allows, for ssh's "Permission denied (publickey,password)".
 */
export function authHandler(inputs: AuthInputs, keys: LoadedKey[], serverMethods: (methods: string[]) => void): AuthHandlerMiddleware {
  const username = inputs.user;
  const queue: AnyAuthMethod[] = keys.map(({ key }) => ({ type: 'publickey', username, key }));
  if (inputs.agentSocket) queue.push({ type: 'agent', username, agent: inputs.agentSocket });
  const password = inputs.password;
  if (password !== undefined) {
    queue.push({ type: 'password', username, password });
    queue.push({
      type: 'keyboard-interactive',
      username,
      prompt: (_name, _instructions, _lang, prompts, finish) => finish(prompts.map(() => password)),
    });
  }
  return (methodsLeft: AuthenticationType[] | null, _partial: boolean | null, next) => {
    if (methodsLeft) serverMethods(methodsLeft);
    while (queue.length) {
      const method = queue.shift() as AnyAuthMethod;
      if ((method.type === 'password' || method.type === 'keyboard-interactive') && inputs.passwordWithheld?.()) continue;
      if (!methodsLeft || methodsLeft.includes(method.type === 'agent' ? 'publickey' : method.type)) return next(method);
    }
    // ssh2 ends authentication when the handler answers false; its typings leave that out.
    return (next as unknown as (m: false) => void)(false);
  };
}
