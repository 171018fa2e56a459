import { Origin, TsibleError } from '../errors';
import { TemplateSyntax } from './evaluate';
import { NunjucksSyntaxError } from './parse';
import { FilterError, PythonException, TemplateRuntimeError, UndefinedError } from './values';

/**
 * Turns what went wrong while parsing or rendering into a {@link TsibleError} that says what and where.
 * Positions inside the template are added to the origin: for a template file the line in that file,
 * for a playbook string the line of the string plus the line inside it.
 */

interface Position {
  lineno: number;
  colno: number;
}

function at(origin: Origin | undefined, pos: Position | undefined, isFile: boolean): Origin | undefined {
  if (!pos) return origin;
  if (!origin) return undefined;
  if (isFile) return { file: origin.file, line: origin.line + pos.lineno, column: pos.colno + 1 };
  return { file: origin.file, line: origin.line + pos.lineno, column: pos.lineno === 0 ? origin.column : pos.colno + 1 };
}

function shortSource(src: string): string {
  return src.length > 200 ? src.slice(0, 200) + '…' : src;
}

/** A playbook string is quoted in the message, as Ansible does; a template file is located by origin instead. */
function sourceNote(src: string, isFile: boolean): string {
  return isFile ? '' : `. String: ${shortSource(src)}`;
}

/** `pos` is where evaluation was when a runtime error happened (see State.pos). */
export function templateError(e: unknown, src: string, origin: Origin | undefined, isFile: boolean, pos?: Position): TsibleError {
  if (e instanceof TsibleError) return e.origin || !origin ? e : new TsibleError(e.message, { origin, hint: e.hint, context: e.context, exitCode: e.exitCode, cause: e.cause });
  const where = isFile ? 'template' : 'template string';
  if (e instanceof UndefinedError || e instanceof FilterError) {
    return new TsibleError(e.message, { origin: at(origin, pos, isFile), cause: e });
  }
  if (e instanceof TemplateSyntax) {
    return new TsibleError(`template error while templating ${isFile ? 'template' : 'string'}: ${e.message.replace(/\.$/, '')}${sourceNote(src, isFile)}`, {
      origin: at(origin, e.node, isFile),
      cause: e,
    });
  }
  if (e instanceof PythonException) return new TsibleError(e.message, { origin: at(origin, pos, isFile), cause: e });
  if (e instanceof TemplateRuntimeError) {
    // Ansible appends the original exception's text to its own message, so it shows twice.
    return new TsibleError(`Unexpected templating type error occurred on (${shortSource(src)}): ${e.message}. ${e.message}`, {
      origin: at(origin, pos, isFile),
      cause: e,
    });
  }
  const syntax = e as NunjucksSyntaxError;
  if (syntax && syntax.name === 'Template render error') {
    const message = syntax.message.replace(/^\(unknown path\)\s*(\[Line \d+, Column \d+\])?\s*/, '').replace(/^parse\w*: /, '').trim();
    // nunjucks counts from 1; a missing end tag is reported at the end of the text.
    const lastLine = { lineno: src.replace(/\n+$/, '').split('\n').length - 1, colno: 0 };
    const p = typeof syntax.lineno === 'number' ? { lineno: syntax.lineno - 1, colno: Math.max(0, (syntax.colno ?? 1) - 1) } : lastLine;
    return new TsibleError(`template error while templating ${isFile ? 'template' : 'string'}: ${message}${sourceNote(src, isFile)}`, {
      origin: at(origin, p, isFile),
      cause: e,
    });
  }
  const msg = e instanceof Error ? e.message : String(e);
  return new TsibleError(`error while rendering ${where}: ${msg}`, { origin: at(origin, pos, isFile), cause: e });
}
