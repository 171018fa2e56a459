import { expandHostPattern } from '../../../engine/inventory/host-ranges';
import { parseIni } from '../../../engine/inventory/ini';
import { InventoryData } from '../../../engine/inventory/inventory-data';
import { TsibleError } from '../../../engine/errors';

function parse(text: string): InventoryData {
  const data = new InventoryData();
  parseIni(text, '/inv/hosts', data);
  data.reconcile();
  return data;
}

function errorOf(text: string): TsibleError {
  try {
    parse(text);
  } catch (err) {
    if (err instanceof TsibleError) return err;
    throw err;
  }
  throw new Error('expected an error');
}

describe('INI inventory', () => {
  test('children may be named before their group is defined', () => {
    const data = parse('[prod:children]\nweb\n[top:children]\nprod\n[web]\nw1\n');
    expect(data.groups.get('prod')?.children).toEqual(['web']);
    expect(data.groups.get('top')?.children).toEqual(['prod']);
    expect(data.groups.get('all')?.children).toEqual(['ungrouped', 'top']);
  });

  test('a host line with a port sets ansible_port; a later port for the same host is ignored', () => {
    const data = parse('h1:2222\n[g]\nh1:3333 x=1\n');
    expect(data.hosts.get('h1')?.vars).toEqual({ ansible_port: 2222, x: 1 });
    expect(data.groups.get('ungrouped')?.hosts).toEqual([]);
  });

  test('[g:vars] values are typed like host vars, and ansible_group_priority becomes the priority', () => {
    const data = parse('[g]\nh\n[g:vars]\na = 1\nb=[1, 2]\nc=yes\nansible_group_priority=7\n');
    expect(data.groups.get('g')?.vars).toEqual({ a: 1, b: [1, 2], c: 'yes' });
    expect(data.groups.get('g')?.priority).toBe(7);
  });

  test.each([
    ['[web]\nh1 novalue\n', 'Expected key=value host variable assignment, got: novalue', 2, 4],
    ['[web:vars]\nnoequals\n', 'Expected key=value, got: noequals', 2, 1],
    ['[web:children]\n  missing\n', 'Section [web:children] includes undefined group: missing', 2, 3],
    ['[g:vars]\na=1\n', 'Section [g:vars] not valid for undefined group: g', 1, 1],
    ['[web:bogus]\nx\n', 'Section [web:bogus] has unknown type: bogus', 1, 1],
    ['[web ]\nh1\n', "Invalid section entry: '[web ]'. Please make sure that there are no spaces in the section entry, and that there are no other invalid characters", 1, 1],
    ['h1 a="unclosed\n', `Error parsing host definition 'h1 a="unclosed': No closing quotation`, 1, 1],
    ['h[1:3:x]\n', "Invalid host range in 'h[1:3:x]': host range step must be a positive integer, got: x", 1, 1],
    ['h[01:3]\n', "Invalid host range in 'h[01:3]': host range must specify equal-length begin and end formats", 1, 1],
    ['h1:\n', "Invalid host pattern 'h1:' supplied, ending in ':' is not allowed, this character is reserved to provide a port.", 1, 1],
    ['---\n', "Invalid host pattern '---' supplied, '---' is normally a sign this is a YAML file.", 1, 1],
    ['[a:children]\nb\n[b:children]\na\n', "Adding group 'a' as child to 'b' creates a recursive dependency loop.", 4, 1],
  ])('%j is an error at its line', (text, message, line, column) => {
    const err = errorOf(text);
    expect(err.message).toBe(message);
    expect(err.origin).toEqual({ file: '/inv/hosts', line, column });
  });
});

describe('host ranges', () => {
  test.each([
    ['web[01:03].example.com', ['web01.example.com', 'web02.example.com', 'web03.example.com']],
    ['db-[a:c]', ['db-a', 'db-b', 'db-c']],
    ['n[1:10:3]', ['n1', 'n4', 'n7', 'n10']],
    ['n[:2]', ['n0', 'n1', 'n2']],
    ['r[1:2]-[a:b]', ['r1-a', 'r1-b', 'r2-a', 'r2-b']],
    ['x[A:C]', ['xA', 'xB', 'xC']],
  ])('%s', (pattern, hosts) => {
    expect(expandHostPattern(pattern).hosts).toEqual(hosts);
  });

  test('ports: host:port, [v6]:port, and an IPv6 address alone keeps its colons', () => {
    expect(expandHostPattern('h[1:2]:22')).toEqual({ hosts: ['h1', 'h2'], port: 22 });
    expect(expandHostPattern('[2001:db8::1]:2222')).toEqual({ hosts: ['2001:db8::1'], port: 2222 });
    expect(expandHostPattern('2001:db8::1')).toEqual({ hosts: ['2001:db8::1'], port: undefined });
    expect(expandHostPattern('10.0.0.[1:2]:80')).toEqual({ hosts: ['10.0.0.1', '10.0.0.2'], port: 80 });
  });
});
