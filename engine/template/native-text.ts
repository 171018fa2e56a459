import { UnsafeText } from '../playbook/yaml';

/**
 * Text that Ansible keeps as text where it would read a template's result back as a Python literal (its
 * NativeJinjaText): what `string`, `to_json`… print when alone in a template, and the template lookup's
 * result in native mode. It is a kind of UnsafeText so that every filter, test and module reads it as a
 * string; only an `unsafe` one (Ansible's NativeJinjaUnsafeText) is unsafe data.
 */
export class NativeJinjaText extends UnsafeText {
  constructor(
    text: string,
    readonly unsafe = false,
  ) {
    super(text);
  }
}

/** Whether a value is text that is unsafe data: UnsafeText, except NativeJinjaText that is not unsafe. */
export function isUnsafeText(v: unknown): v is UnsafeText {
  return v instanceof UnsafeText && !(v instanceof NativeJinjaText && !v.unsafe);
}
