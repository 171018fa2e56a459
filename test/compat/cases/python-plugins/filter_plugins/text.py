# A filter module as operators write them: several filters, one raising Ansible's own error.
from ansible.errors import AnsibleFilterError


def shout(value, suffix='!'):
    return value.upper() + suffix


def pairs(mapping):
    return sorted(mapping.items())


def strict_int(value):
    try:
        return int(value)
    except ValueError:
        raise AnsibleFilterError('strict_int: %r is not a number' % value)


class FilterModule(object):
    def filters(self):
        return {'shout': shout, 'pairs': pairs, 'strict_int': strict_int, 'unique_sorted': lambda v: sorted(set(v))}
