/**
 * Tasks completed, read from the default callback's output (the same for both tools): a task block starts
 * at `TASK [` or `RUNNING HANDLER [`; it completed if it printed a result (ok, changed, skipping, included)
 * or its failure was ignored, and no host failed it for good.
 */
const BLOCK_START = /^(TASK|RUNNING HANDLER) \[/;
const RESULT = /^(ok|changed|skipping|included): /;
const FAILURE = /^(fatal|failed): \[/;
const IGNORED = /^\.\.\.ignoring$/;

export function countTasks(output: string): { completed: number; failed: number } {
  let completed = 0;
  let failed = 0;
  let open = false;
  let ran = false;
  let unignoredFailures = 0;
  const close = (): void => {
    if (!open) return;
    if (unignoredFailures > 0) failed++;
    else if (ran) completed++;
    open = false;
  };
  for (const line of output.split('\n')) {
    if (BLOCK_START.test(line)) {
      close();
      open = true;
      ran = false;
      unignoredFailures = 0;
    } else if (/^PLAY (RECAP|\[)/.test(line)) {
      close();
    } else if (open && RESULT.test(line)) {
      ran = true;
    } else if (open && FAILURE.test(line)) {
      unignoredFailures++;
    } else if (open && IGNORED.test(line.trim())) {
      unignoredFailures = Math.max(0, unignoredFailures - 1);
      ran = true;
    }
  }
  close();
  return { completed, failed };
}
