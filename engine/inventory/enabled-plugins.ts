/**
 * INVENTORY_ENABLED (`[inventory] enable_plugins`): the inventory plug-ins Ansible tries on each source,
 * in order. tsible reads each source with the reader its content calls for; the setting decides whether
 * that reader may run, and which of the two host-list readers reads `a,b,` values.
 */

export const DEFAULT_INVENTORY_PLUGINS = ['host_list', 'script', 'auto', 'yaml', 'ini', 'toml'];

export class EnabledPlugins {
  private readonly names: string[];

  constructor(enabled: readonly string[] = DEFAULT_INVENTORY_PLUGINS) {
    this.names = enabled.map((n) => n.replace(/^ansible\.(builtin|legacy)\./, ''));
  }

  has(name: string): boolean {
    return this.names.includes(name.replace(/^ansible\.(builtin|legacy)\./, ''));
  }

  /** `plugin: X` files are read by `auto`, or by X itself when it is enabled by name. */
  readsPluginFile(plugin: string): boolean {
    return this.has('auto') || this.has(plugin);
  }

  /** The host-list readers in the order they are tried: host_list reads anything, so one after it never runs. */
  hostListReaders(): Array<'host_list' | 'advanced_host_list'> {
    const readers = this.names.filter((n): n is 'host_list' | 'advanced_host_list' => n === 'host_list' || n === 'advanced_host_list');
    return [...new Set(readers)];
  }
}
