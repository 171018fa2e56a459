import { randomBytes } from 'crypto';
import { TsibleError } from '../errors';
import { shellQuote } from './shell-quote';

/** errno values a failed cd is reported with, named as Python's OSError names them in Ansible's message. */
const REASONS: Record<string, string> = { '2': 'No such file or directory', '13': 'Permission denied', '20': 'Not a directory' };

/**
 * A command line that first enters `dir` and, when it cannot, says why behind a one-off marker and
 * stops before the command runs. Run on the host, as the become user, so the check is theirs.
 */
export interface Chdir {
  script: string;
  /** The error to throw for the run's output, or undefined when the directory was entered. */
  failure(rc: number, output: string): TsibleError | undefined;
}

export function chdirInto(dir: string, command: string): Chdir {
  const marker = `TSIBLE-CHDIR-FAILED-${randomBytes(12).toString('hex')}`;
  const d = shellQuote(dir);
  const why = `if [ ! -e ${d} ]; then e=2; elif [ ! -d ${d} ]; then e=20; else e=13; fi`;
  return {
    // -P: the directory entered is the real one, links resolved, as Python's os.chdir leaves $PWD.
    script: `cd -P -- ${d} 2>/dev/null || { ${why}; echo "${marker} $e" >&2; exit 1; }\n${command}`,
    failure: (rc, output) => {
      const errno = rc === 1 ? new RegExp(`${marker} (\\d+)`).exec(output)?.[1] : undefined;
      if (errno === undefined) return undefined;
      return new TsibleError(`Unable to change directory before execution: [Errno ${errno}] ${REASONS[errno]}: '${dir}'`);
    },
  };
}
