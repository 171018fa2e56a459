# An inventory plug-in for tsible's compatibility tests: it groups the hosts read before it and adds
# hosts of its own, with options read through Ansible's plug-in config.
from ansible.plugins.inventory import BaseInventoryPlugin

DOCUMENTATION = '''
    name: stamp
    short_description: stamp the inventory
    description: Puts earlier hosts in a group and adds a few hosts.
    options:
      plugin:
        required: true
        description: stamp
      label:
        description: what every host is stamped with
        default: grey
      extra_hosts:
        description: how many hosts to add
        type: int
        default: 1
'''


class InventoryModule(BaseInventoryPlugin):
    NAME = 'stamp'

    def verify_file(self, path):
        return path.endswith('.stamp.yml') and super(InventoryModule, self).verify_file(path)

    def parse(self, inventory, loader, path, cache=True):
        super(InventoryModule, self).parse(inventory, loader, path, cache)
        self._read_config_data(path)
        label = self.get_option('label')
        inventory.add_group('stamped')
        inventory.set_variable('stamped', 'stamp_group_var', 'from ' + label)
        for name in list(inventory.hosts):
            inventory.add_child('stamped', name)
            inventory.set_variable(name, 'stamp', label + ':' + inventory.get_host(name).vars.get('tier', 'none'))
        for i in range(self.get_option('extra_hosts')):
            name = 'made%d' % i
            inventory.add_host(name, 'stamped')
            inventory.set_variable(name, 'ansible_connection', 'local')
            inventory.set_variable(name, 'ansible_python_interpreter', '/usr/bin/python3')
            inventory.set_variable(name, 'stamp', '{{ inventory_hostname }}-%d' % i)
