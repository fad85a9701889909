#!/usr/bin/env bash
# Caspian Crossroads: mounts or unmounts one USB stick for the content-pack
# watcher, from crossroads-usb@<name>.service. Installed as
# /usr/local/libexec/crossroads/usb-mount.
#   usb-mount mount sda1     mounts /dev/sda1 at /media/crossroads-sda1
#   usb-mount unmount sda1   unmounts it and removes the folder
# The watcher reads zips and writes a report file, so the stick is mounted
# read-write but with nothing on it runnable (nosuid, nodev, noexec); a stick
# that cannot be written (locked, or a dirty file system) is mounted read-only.
set -euo pipefail

die() {
  echo "usb-mount: $*" >&2
  exit 1
}

[[ $# -eq 2 ]] || die "usage: usb-mount mount|unmount NAME"
action="$1"
name="$2"
[[ "$name" =~ ^[a-z][a-z0-9]*$ ]] || die "not a block device name: $name"
device="/dev/$name"
target="${CROSSROADS_MEDIA_DIR:-/media}/crossroads-$name"

if [[ "$action" == unmount ]]; then
  # Lazy: the stick is usually already gone when this runs.
  if mountpoint -q "$target"; then umount -l "$target"; fi
  if [[ -d "$target" ]]; then rmdir "$target"; fi
  exit 0
fi
[[ "$action" == mount ]] || die "unknown action: $action"
[[ -b "$device" ]] || die "$device is not a block device"

# Never touch a disk that holds the running system (a Pi booted from a USB
# drive): skip it when any of its partitions is mounted already.
disk="$(lsblk -ndo PKNAME "$device" 2>/dev/null || true)"
[[ -n "$disk" ]] || disk="$name"
if lsblk -nro MOUNTPOINT "/dev/$disk" | grep -q .; then
  echo "usb-mount: $device is on a disk in use by the system; leaving it alone"
  exit 0
fi

fstype="$(blkid -o value -s TYPE "$device" || true)"
options="nosuid,nodev,noexec,noatime"
owner_options=""
if id crossroads >/dev/null 2>&1; then
  owner_options="uid=$(id -u crossroads),gid=$(id -g crossroads),fmask=0137,dmask=0027"
fi
case "$fstype" in
  vfat) type=vfat; options="$options,flush${owner_options:+,$owner_options}" ;;
  exfat) type=exfat; options="$options${owner_options:+,$owner_options}" ;;
  ntfs) type=ntfs3; options="$options${owner_options:+,$owner_options}" ;;
  ext2 | ext3 | ext4) type="$fstype" ;;
  *) die "$device has a file system the kiosk does not read: ${fstype:-none}" ;;
esac

mkdir -p "$target"
if mountpoint -q "$target"; then exit 0; fi
if mount -t "$type" -o "rw,$options" "$device" "$target"; then
  echo "usb-mount: $device ($type) mounted at $target"
elif mount -t "$type" -o "ro,$options" "$device" "$target"; then
  echo "usb-mount: $device ($type) mounted read-only at $target (it refused writes)"
else
  rmdir "$target" || true
  die "cannot mount $device ($type)"
fi
