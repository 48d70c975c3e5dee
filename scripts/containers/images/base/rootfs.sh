#!/usr/bin/env bash
# Makes a minimal Debian bookworm root file system in $1 with debootstrap, from the Debian mirror this
# machine's apt already uses (no image registry is needed). build-images.sh imports it as the base image.
set -euo pipefail
target=$1
suite=bookworm

# The machine's own Debian mirror and security mirror, read from its apt sources (deb822 or one-line).
sources=$(cat /etc/apt/sources.list.d/*.sources /etc/apt/sources.list 2>/dev/null || true)
mirror=$(echo "$sources" | grep -Eo 'https?://[^ ]+/debian/?( |$)' | head -n 1 | tr -d ' ')
security=$(echo "$sources" | grep -Eo 'https?://[^ ]+/debian-security/?( |$)' | head -n 1 | tr -d ' ')
if [ -z "$mirror" ]; then
  echo "rootfs: no Debian mirror found in /etc/apt/sources.list*" >&2
  exit 1
fi

debootstrap --variant=minbase "$suite" "$target" "$mirror" >/dev/null

{
  echo "deb ${mirror%/} $suite main"
  echo "deb ${mirror%/} $suite-updates main"
  [ -z "$security" ] || echo "deb ${security%/} $suite-security main"
} > "$target/etc/apt/sources.list"

# As in Debian's own container images: packages never start services while an image is built, apt keeps
# no package files, and no documentation or translations are installed.
printf '#!/bin/sh\nexit 101\n' > "$target/usr/sbin/policy-rc.d"
chmod 755 "$target/usr/sbin/policy-rc.d"
cat > "$target/etc/apt/apt.conf.d/docker-clean" <<'CONF'
DPkg::Post-Invoke { "rm -f /var/cache/apt/archives/*.deb /var/cache/apt/archives/partial/*.deb /var/cache/apt/*.bin || true"; };
APT::Update::Post-Invoke { "rm -f /var/cache/apt/archives/*.deb /var/cache/apt/archives/partial/*.deb /var/cache/apt/*.bin || true"; };
Dir::Cache::pkgcache ""; Dir::Cache::srcpkgcache "";
CONF
cat > "$target/etc/dpkg/dpkg.cfg.d/docker-excludes" <<'CONF'
path-exclude /usr/share/doc/*
path-include /usr/share/doc/*/copyright
path-exclude /usr/share/man/*
path-exclude /usr/share/locale/*
path-exclude /usr/share/info/*
CONF
echo 'APT::Install-Recommends "false";' > "$target/etc/apt/apt.conf.d/docker-no-recommends"

rm -rf "$target"/var/lib/apt/lists/* "$target"/var/cache/apt/archives/*.deb \
  "$target"/usr/share/man/* "$target"/usr/share/locale/* "$target"/var/log/*.log
# Every image build starts from the same bytes wherever it is made: the host's name and resolver are Docker's to set.
: > "$target/etc/hostname"
: > "$target/etc/resolv.conf"
