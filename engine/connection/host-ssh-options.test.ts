import { Config } from '../config/types';
import { sshOptionsFor } from './host-ssh-options';

const config: Config = {
  defaults: {
    inventory: [],
    remote_user: 'cfg-user',
    private_key_file: '/cfg/key',
    host_key_checking: true,
    forks: 5,
    timeout: 10,
    roles_path: [],
    library: [],
    gathering: 'implicit',
    stdout_callback: 'default',
    retry_files_enabled: false,
  },
  privilege_escalation: { become: false, become_method: 'sudo', become_user: 'root', become_ask_pass: false },
  ssh_connection: { pipelining: false, ssh_common_args: '-o ProxyJump=cfg-jump', retries: 0 },
  sources: {},
};

describe('sshOptionsFor', () => {
  it('takes ansible.cfg values when the host sets nothing, play remote_user over the cfg one', () => {
    expect(sshOptionsFor({}, config, { remoteUser: 'play-user' })).toEqual({
      user: 'play-user',
      privateKeyFile: '/cfg/key',
      sshCommonArgs: '-o ProxyJump=cfg-jump',
      hostKeyChecking: true,
      timeoutSec: 10,
      retries: 0,
    });
  });

  it('lets host vars win, the later Ansible alias over the earlier', () => {
    const opts = sshOptionsFor(
      {
        ansible_host: '10.0.0.1',
        ansible_ssh_host: '10.0.0.2',
        ansible_port: '2222',
        ansible_user: 'a',
        ansible_ssh_user: 'b',
        ansible_ssh_private_key_file: '~/.ssh/web',
        ansible_password: 'p1',
        ansible_ssh_pass: 'p2',
        ansible_ssh_common_args: '-o StrictHostKeyChecking=accept-new',
        ansible_ssh_extra_args: '-o ServerAliveInterval=5',
        ansible_host_key_checking: 'False',
        ansible_ssh_timeout: 3,
        ansible_ssh_retries: '2',
      },
      config,
      { remoteUser: 'play-user' },
    );
    expect(opts).toMatchObject({
      hostname: '10.0.0.2',
      port: 2222,
      user: 'b',
      privateKeyFile: '~/.ssh/web',
      password: 'p2',
      sshCommonArgs: '-o StrictHostKeyChecking=accept-new',
      sshExtraArgs: '-o ServerAliveInterval=5',
      hostKeyChecking: false,
      timeoutSec: 3,
      retries: 2,
    });
  });

  it('takes the port keyword below ansible_port, and refuses a port that is not a number', () => {
    expect(sshOptionsFor({}, config, { port: 2222 }).port).toBe(2222);
    expect(sshOptionsFor({ ansible_port: '22' }, config, { port: 2222 }).port).toBe(22);
    expect(() => sshOptionsFor({ ansible_port: 'abc' }, config)).toThrow("the field 'port' has an invalid value (abc), and could not be converted to an int");
  });
});
