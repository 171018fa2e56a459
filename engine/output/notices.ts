import type { OutputStreams } from './default';

/**
 * Ansible shows each distinct warning, deprecation or error text once per run, however many hosts or
 * tasks raise it. Callbacks write only such notices to stderr, so stderr through this says each once.
 */
export function noticesOnce(streams: OutputStreams): OutputStreams {
  const shown = new Set<string>();
  return {
    out: streams.out,
    err: (text) => {
      if (shown.has(text)) return;
      shown.add(text);
      streams.err(text);
    },
  };
}
