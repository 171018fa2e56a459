/** Names that mean the control machine: when none is in the inventory, the implicit localhost answers to them. */
export const LOCALHOST_NAMES: readonly string[] = ['127.0.0.1', 'localhost', '::1'];
