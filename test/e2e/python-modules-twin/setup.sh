# Run as root on both hosts before the comparison: what the absent and exclusive cases remove, and a
# writable /proc/sys/net (systemd-nspawn mounts /proc/sys read-only; net.* belongs to the container's netns).
set -e
mountpoint -q /proc/sys/net || mount --bind /proc/sys/net /proc/sys/net
mount -o remount,rw,bind /proc/sys/net
sysctl -qw net.core.somaxconn=4096 net.ipv4.tcp_keepalive_time=7200 net.ipv4.tcp_fin_timeout=60
for u in twin1 twin2; do id $u >/dev/null 2>&1 || useradd -m $u; install -d -o $u -g $u -m 700 /home/$u/.ssh; done
printf '%s\n' 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAILItb8FkVCDjkGw4tDGuZ/7EkB3qAhJZ3RuyQx22DlUU c@twin' > /home/twin1/.ssh/authorized_keys
printf '%s\n' 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIKkRaReJtypOP0ysr386ItzCBpC90HRJbF4MfOE+jjXE a@twin' 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIAniSPi9+MEwDF0X8l5ABe61QSRgJ+5gfO12L/GfnxZZ b@twin' > /home/twin2/.ssh/authorized_keys
chown twin1: /home/twin1/.ssh/authorized_keys; chown twin2: /home/twin2/.ssh/authorized_keys
printf 'net.ipv4.tcp_fin_timeout = 30\n' > /etc/sysctl.d/60-twin.conf
mkdir -p /srv/twin /srv/twin-bind-src /mnt/twin-old
printf '[main]\nold = 1\nsize = 3\n' > /etc/twin.ini
mountpoint -q /mnt/twin-old || mount -t tmpfs tmpfs /mnt/twin-old
grep -q twin-old /etc/fstab || echo 'tmpfs /mnt/twin-old tmpfs defaults 0 0' >> /etc/fstab
