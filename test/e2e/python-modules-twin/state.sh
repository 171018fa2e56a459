# What the playbook can change on a host, printed in a fixed order so two hosts can be compared.
for f in /etc/sysctl.d/60-twin.conf /etc/fstab /etc/twin.ini /home/twin1/.ssh/authorized_keys /home/twin2/.ssh/authorized_keys; do
  echo "== $f"; stat -c '%a %U %G' "$f" 2>&1; cat "$f" 2>&1
done
echo "== sysctl"; sysctl -n net.core.somaxconn net.ipv4.tcp_keepalive_time net.ipv4.tcp_fin_timeout
echo "== mounts"; findmnt -rn -o TARGET,SOURCE,FSTYPE,OPTIONS | grep ' \?/mnt/twin' | sort
echo "== /srv/twin"; for f in $(ls /srv/twin | sort); do echo "-- $f"; cat "/srv/twin/$f"; done
ls -d /mnt/twin-* 2>&1
