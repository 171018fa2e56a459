import { fingerprint, HostKeyVerdict, keyType, knownHostsName } from './known-hosts';
import { ResolvedSsh } from './ssh-options';

/**
 * Why the host key was refused and what to do about it. Ansible shows OpenSSH's "Host key verification
 * failed."; we say the same first, then which key, which file, and the command that fixes it.
 */
export function hostKeyMessage(verdict: HostKeyVerdict, r: ResolvedSsh, offered: Buffer): string {
  const name = knownHostsName(r.hostname, r.port);
  const key = `${keyType(offered)} key ${fingerprint(offered)}`;
  const files = r.knownHostsFiles[0] ?? '~/.ssh/known_hosts';
  const portFlag = r.port === 22 ? '' : `-p ${r.port} `;
  if (verdict.status === 'changed') {
    return (
      `Failed to connect to the host via ssh: Host key verification failed. ` +
      `REMOTE HOST IDENTIFICATION HAS CHANGED: ${name} now offers ${key}, but ${verdict.recorded.file}:${verdict.recorded.line} ` +
      `holds a different one. Someone could be intercepting the connection, or the host was reinstalled. ` +
      `If the change is expected, remove the old key with: ssh-keygen -f "${verdict.recorded.file}" -R "${name}"`
    );
  }
  if (verdict.status === 'revoked') {
    return `Failed to connect to the host via ssh: Host key verification failed. ${name} offers ${key}, which ${verdict.recorded.file}:${verdict.recorded.line} marks as revoked.`;
  }
  return (
    `Failed to connect to the host via ssh: Host key verification failed. ${name} offers ${key}, which is not in ${r.knownHostsFiles.join(' or ')}. ` +
    `Check the fingerprint, then add it with: ssh-keyscan ${portFlag}${r.hostname} >> ${files} ` +
    `(or set host_key_checking = False, or -o StrictHostKeyChecking=accept-new in ansible_ssh_common_args).`
  );
}

/** Why the password was not sent to a host whose key changed but was accepted (StrictHostKeyChecking=no). */
export function passwordWithheldMessage(verdict: HostKeyVerdict & { status: 'changed' }, r: ResolvedSsh, offered: Buffer): string {
  const name = knownHostsName(r.hostname, r.port);
  return (
    `Password and keyboard-interactive authentication are disabled to avoid man-in-the-middle attacks: ` +
    `REMOTE HOST IDENTIFICATION HAS CHANGED: ${name} now offers ${keyType(offered)} key ${fingerprint(offered)}, but ` +
    `${verdict.recorded.file}:${verdict.recorded.line} holds a different one (host_key_checking = False accepts the key, not sending it the password). ` +
    `If the change is expected, remove the old key with: ssh-keygen -f "${verdict.recorded.file}" -R "${name}"`
  );
}

/** A connection failure in the words ssh uses, which users already search for. */
export function connectFailureMessage(err: Error & { code?: string; level?: string }, r: ResolvedSsh, proxyStderr: string, serverMethods: string[]): string {
  const where = `connect to host ${r.hostname} port ${r.port}`;
  const proxy = proxyStderr ? ` (proxy said: ${proxyStderr})` : '';
  let detail: string;
  if (err.level === 'client-authentication') {
    const methods = serverMethods.filter((m) => m !== 'none').join(',');
    detail = `${r.user}@${r.hostname}: Permission denied${methods ? ` (${methods})` : ''}.`;
  } else if (err.code === 'ECONNREFUSED') {
    detail = `ssh: ${where}: Connection refused`;
  } else if (err.code === 'ENOTFOUND' || err.code === 'EAI_AGAIN') {
    detail = `ssh: Could not resolve hostname ${r.hostname}: Name or service not known`;
  } else if (err.level === 'client-timeout' || err.code === 'ETIMEDOUT') {
    detail = `ssh: ${where}: Connection timed out`;
  } else if (err.code === 'EHOSTUNREACH' || err.code === 'ENETUNREACH') {
    detail = `ssh: ${where}: No route to host`;
  } else {
    detail = `ssh: ${where}: ${err.message}`;
  }
  return `Failed to connect to the host via ssh: ${detail}${proxy}`;
}
