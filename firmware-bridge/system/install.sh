#!/usr/bin/env bash
# Caspian Crossroads: installs the exhibit on a Raspberry Pi (Raspberry Pi OS
# Trixie or Bookworm, Lite or Desktop, 64-bit) so it boots straight into it.
# Safe to run again: it brings the system to the same state each time.
#
#   sudo firmware-bridge/system/install.sh              install or update
#   sudo firmware-bridge/system/install.sh --uninstall  remove it (keeps /var/lib/crossroads)
#   sudo firmware-bridge/system/install.sh --uninstall --purge   ...and the data and users
#   sudo firmware-bridge/system/install.sh --audio hdmi|jack|auto   where sound goes (default auto:
#        HDMI when a display is attached, else the headphone jack where the Pi has one)
#   firmware-bridge/system/install.sh --root DIR        write the files into DIR only (tests):
#        no packages, users, builds or systemctl; the project must be built already
set -euo pipefail

SYSTEM_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
SOURCE="$(cd "$SYSTEM_DIR/../.." && pwd)"
ROOT=""
UNINSTALL=0
PURGE=0
BUILD=1
AUDIO=auto

APP=/opt/crossroads
DATA=/var/lib/crossroads
LIBEXEC=/usr/local/libexec/crossroads
USER_BRIDGE=crossroads
USER_SCREEN=crossroads-kiosk

# source (relative to this folder) -> destination, all mode 0644
SYSTEM_FILES=(
  "units/crossroads-bridge.service:/etc/systemd/system/crossroads-bridge.service"
  "units/crossroads-screen.service:/etc/systemd/system/crossroads-screen.service"
  "units/crossroads-usb@.service:/etc/systemd/system/crossroads-usb@.service"
  "udev/99-crossroads-panel.rules:/etc/udev/rules.d/99-crossroads-panel.rules"
  "udev/99-crossroads-usb.rules:/etc/udev/rules.d/99-crossroads-usb.rules"
  "polkit/50-crossroads.rules:/etc/polkit-1/rules.d/50-crossroads.rules"
  "pam/crossroads-screen:/etc/pam.d/crossroads-screen"
  "journald/crossroads.conf:/etc/systemd/journald.conf.d/crossroads.conf"
)
# source -> destination, mode 0755
PROGRAMS=(
  "libexec/kiosk-browser.sh:$LIBEXEC/kiosk-browser"
  "libexec/usb-mount.sh:$LIBEXEC/usb-mount"
)
# The ALSA default device: Chromium plays the narration there (the kiosk runs no sound server).
ASOUND=/etc/asound.conf
ASOUND_MARK='# crossroads-audio:'
CONFIG_SOURCE=config/crossroads.default
CONFIG=/etc/default/crossroads
COMMAND_LINK=/usr/local/bin/crossroads

usage() {
  awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "${BASH_SOURCE[0]}"
}

say() { printf '==> %s\n' "$*"; }
die() {
  printf 'install.sh: %s\n' "$*" >&2
  exit 1
}

while [[ $# -gt 0 ]]; do
  case "$1" in
    --root)
      [[ $# -ge 2 ]] || die "--root needs a folder"
      ROOT="$2"
      shift 2
      ;;
    --source)
      [[ $# -ge 2 ]] || die "--source needs a folder"
      SOURCE="$(cd "$2" && pwd)"
      shift 2
      ;;
    --uninstall) UNINSTALL=1; shift ;;
    --purge) PURGE=1; shift ;;
    --skip-build) BUILD=0; shift ;;
    --audio)
      [[ $# -ge 2 ]] || die "--audio needs hdmi, jack or auto"
      case "$2" in hdmi | jack | auto) AUDIO="$2" ;; *) die "--audio must be hdmi, jack or auto, not '$2'" ;; esac
      shift 2
      ;;
    -h | --help) usage; exit 0 ;;
    *) die "unknown option: $1 (try --help)" ;;
  esac
done

if [[ -n "$ROOT" ]]; then
  mkdir -p "$ROOT"
  ROOT="$(cd "$ROOT" && pwd)"
  [[ "$ROOT" != / ]] || ROOT=""
fi
REAL=1
[[ -z "$ROOT" ]] || REAL=0

# A path inside the target root.
r() { printf '%s%s' "$ROOT" "$1"; }

# ---------------------------------------------------------------- packages --

apt_candidate() {
  apt-cache policy "$1" 2>/dev/null | awk '/Candidate:/ { print $2 }' | grep -v '(none)' || true
}

node_major() {
  if command -v node >/dev/null 2>&1; then
    node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0
  else
    echo 0
  fi
}

explain_node() {
  cat >&2 <<EOF

Node.js 20 or newer is needed, and this system's packages offer only $1.
(Raspberry Pi OS Bookworm ships Node.js 18; Trixie ships 20.)
Install Node.js 22 LTS from NodeSource, then run this script again:

  curl -fsSL https://deb.nodesource.com/setup_22.x -o /tmp/nodesource_setup.sh
  sudo bash /tmp/nodesource_setup.sh
  sudo apt-get install -y nodejs

nvm is not suitable here: it installs Node for one login user, while the
kiosk service runs /usr/bin/node as its own user.
EOF
  exit 1
}

install_packages() {
  local codename browser packages=(cage python3 polkitd dbus libpam-systemd ca-certificates fonts-noto-core fonts-dejavu-core alsa-utils)
  # shellcheck source=/dev/null
  codename="$(. /etc/os-release && echo "${VERSION_CODENAME:-}")"
  say "updating the package lists"
  apt-get update -qq
  # Bookworm's Raspberry Pi build of Chromium is chromium-browser; Trixie's is chromium.
  browser=chromium
  if [[ "$codename" == bookworm && -n "$(apt_candidate chromium-browser)" ]]; then browser=chromium-browser; fi
  packages+=("$browser")
  if [[ "$(node_major)" -lt 20 ]]; then
    local candidate major
    candidate="$(apt_candidate nodejs)"
    major="$(sed -E 's/^[0-9]+://; s/[^0-9].*$//' <<<"${candidate:-0}")"
    if [[ "${major:-0}" -lt 20 ]]; then explain_node "${candidate:-no Node.js at all}"; fi
    packages+=(nodejs)
    # NodeSource's nodejs bundles npm; Debian's needs the npm package.
    if [[ "$candidate" != *nodesource* ]]; then packages+=(npm); fi
  fi
  command -v npm >/dev/null 2>&1 || [[ " ${packages[*]} " == *" npm "* ]] || packages+=(npm)
  say "installing ${packages[*]}"
  # With recommends: Chromium's include its sandbox helper and GPU bits.
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${packages[@]}"
  [[ -x /usr/bin/node ]] || die "/usr/bin/node is missing after the install; the service needs it there"
}

ensure_users() {
  if ! id "$USER_BRIDGE" >/dev/null 2>&1; then
    say "adding the system user $USER_BRIDGE"
    useradd --system --user-group --home-dir "$DATA" --no-create-home --shell /usr/sbin/nologin "$USER_BRIDGE"
  fi
  usermod -a -G dialout "$USER_BRIDGE"
  if ! id "$USER_SCREEN" >/dev/null 2>&1; then
    say "adding the system user $USER_SCREEN (runs the browser)"
    useradd --system --user-group --home-dir /run/crossroads-screen --no-create-home --shell /usr/sbin/nologin "$USER_SCREEN"
  fi
  local group
  for group in video render input audio; do
    if getent group "$group" >/dev/null; then usermod -a -G "$group" "$USER_SCREEN"; fi
  done
}

build_project() {
  # Build as the checkout's owner, so root-owned files do not end up in their folder.
  local owner
  owner="$(stat -c %U "$SOURCE")"
  say "building the project in $SOURCE (as $owner)"
  if [[ "$owner" == root ]]; then
    (cd "$SOURCE" && npm ci --no-audit --no-fund && npm run build)
  else
    # shellcheck disable=SC2016 # $1 is expanded by the inner shell, on purpose
    runuser -u "$owner" -- bash -c 'cd "$1" && npm ci --no-audit --no-fund && npm run build' build "$SOURCE"
  fi
}

# ------------------------------------------------------------------- files --

copy_app() {
  [[ -f "$SOURCE/package.json" ]] || die "$SOURCE is not the project folder (no package.json)"
  [[ -f "$SOURCE/dist/node/firmware-bridge/cli/run.js" && -f "$SOURCE/dist/kiosk/index.html" ]] ||
    die "the project in $SOURCE is not built: run 'npm ci && npm run build' there first"
  local target staging old
  target="$(r "$APP")"
  staging="$target.new"
  old="$target.old"
  say "copying the project to $APP"
  rm -rf "$staging" "$old"
  mkdir -p "$staging"
  tar -C "$SOURCE" -cf - \
    --exclude=./.git --exclude=./.ci --exclude=./tests --exclude=./var --exclude=./bench \
    --exclude=./node_modules/.cache --exclude=./firmware-bridge/firmware/build \
    . | tar -C "$staging" -xf -
  if [[ $REAL -eq 1 && -d "$staging/node_modules" ]]; then
    say "keeping only the production dependencies"
    (cd "$staging" && npm prune --omit=dev --no-audit --no-fund >/dev/null)
  fi
  # Swap in one step, so a half-copied tree is never the one that runs.
  if [[ -d "$target" ]]; then mv "$target" "$old"; fi
  mv "$staging" "$target"
  rm -rf "$old"
  if [[ $REAL -eq 1 ]]; then chown -R root:root "$target"; fi
  chmod -R u+rwX,go+rX,go-w "$target"
  chmod 0755 "$target/firmware-bridge/bin/crossroads.js"
}

install_system_files() {
  local entry src dest
  for entry in "${SYSTEM_FILES[@]}"; do
    src="${entry%%:*}"
    dest="${entry#*:}"
    install -D -m 0644 "$SYSTEM_DIR/$src" "$(r "$dest")"
  done
  for entry in "${PROGRAMS[@]}"; do
    src="${entry%%:*}"
    dest="${entry#*:}"
    install -D -m 0755 "$SYSTEM_DIR/$src" "$(r "$dest")"
  done
  # The technician's settings survive a reinstall.
  if [[ ! -e "$(r "$CONFIG")" ]]; then install -D -m 0644 "$SYSTEM_DIR/$CONFIG_SOURCE" "$(r "$CONFIG")"; fi
  mkdir -p "$(r "$(dirname "$COMMAND_LINK")")"
  ln -sfn "$APP/firmware-bridge/bin/crossroads.js" "$(r "$COMMAND_LINK")"
  mkdir -p "$(r "$DATA")"
  chmod 0750 "$(r "$DATA")"
  if [[ $REAL -eq 1 ]]; then chown "$USER_BRIDGE:$USER_BRIDGE" "$DATA"; fi
}

# ------------------------------------------------------------------- sound --

# Card names ALSA gives the Pi's outputs (Raspberry Pi OS with the KMS driver):
# vc4hdmi0 and vc4hdmi1 for the two HDMI ports, Headphones for the 3.5 mm jack
# (a Pi 5 has none).
sound_cards() {
  sed -nE 's/^ *[0-9]+ \[([^] ]+) *\]:.*/\1/p' "$(r /proc/asound/cards)" 2>/dev/null || true
}

# The HDMI card of the first port with a display attached; none when no display is.
connected_hdmi_card() {
  local status name
  for status in "$(r /sys/class/drm)"/card*-HDMI-A-*/status; do
    [[ -f "$status" ]] || continue
    if [[ "$(cat "$status")" == connected ]]; then
      name="$(basename "$(dirname "$status")")"
      printf 'vc4hdmi%d\n' "$((${name##*-} - 1))"
      return
    fi
  done
}

# Prints "OUTPUT CARD" for --audio: auto takes HDMI when a display is attached,
# else the jack when the Pi has one, else HDMI.
choose_audio() {
  local cards hdmi
  cards=" $(sound_cards | tr '\n' ' ') "
  hdmi="$(connected_hdmi_card)"
  case "$AUDIO" in
    hdmi) echo "hdmi ${hdmi:-vc4hdmi0}" ;;
    jack) echo "jack Headphones" ;;
    auto)
      if [[ -n "$hdmi" ]]; then
        echo "hdmi $hdmi"
      elif [[ "$cards" == *" Headphones "* ]]; then
        echo "jack Headphones"
      else
        echo "hdmi vc4hdmi0"
      fi
      ;;
  esac
}

install_audio() {
  local output card target slave
  read -r output card <<<"$(choose_audio)"
  target="$(r "$ASOUND")"
  # A technician's own ALSA settings are kept aside once, and come back on --uninstall.
  if [[ -f "$target" ]] && ! grep -q "^$ASOUND_MARK" "$target" && [[ ! -e "$target.before-crossroads" ]]; then
    mv "$target" "$target.before-crossroads"
  fi
  # HDMI takes IEC958 frames (the card's "hdmi" device makes them); plug converts rate and format.
  if [[ "$output" == hdmi ]]; then slave="hdmi:CARD=$card,DEV=0"; else slave="dmix:CARD=$card,DEV=0"; fi
  mkdir -p "$(dirname "$target")"
  cat >"$target" <<EOF
$ASOUND_MARK $output $card
# Written by Caspian Crossroads install.sh (--audio $AUDIO); run it again with
# --audio hdmi or --audio jack to change where the narration plays.
pcm.!default {
  type plug
  slave.pcm "$slave"
}
ctl.!default {
  type hw
  card $card
}
EOF
  chmod 0644 "$target"
  say "sound goes to the $output output (ALSA card $card)"
  if [[ $REAL -eq 1 && "$output" == jack ]]; then
    # alsactl keeps the jack's level across boots: start it audible, not muted.
    amixer -q -c "$card" sset PCM 0dB unmute 2>/dev/null || true
    alsactl store 2>/dev/null || true
  fi
}

remove_audio() {
  local target
  target="$(r "$ASOUND")"
  if [[ -f "$target" ]] && grep -q "^$ASOUND_MARK" "$target"; then rm -f "$target"; fi
  if [[ -f "$target.before-crossroads" && ! -e "$target" ]]; then mv "$target.before-crossroads" "$target"; fi
}

remove_files() {
  local entry
  for entry in "${SYSTEM_FILES[@]}" "${PROGRAMS[@]}"; do rm -f "$(r "${entry#*:}")"; done
  rm -f "$(r "$CONFIG")" "$(r "$COMMAND_LINK")"
  rm -rf "$(r "$APP")" "$(r "$APP").new" "$(r "$APP").old"
  rmdir "$(r "$LIBEXEC")" 2>/dev/null || true
  remove_audio
  if [[ $PURGE -eq 1 ]]; then rm -rf "$(r "$DATA")"; fi
}

# ------------------------------------------------------------------ system --

activate() {
  systemctl daemon-reload
  systemctl reload-or-restart systemd-journald.service || true
  udevadm control --reload-rules
  udevadm trigger --subsystem-match=tty --action=change || true
  systemctl enable crossroads-bridge.service crossroads-screen.service
  # The desktop would take the screen from the kiosk: boot to the console instead.
  if [[ "$(systemctl get-default)" == graphical.target ]]; then
    say "switching the boot target to the console (the kiosk replaces the desktop)"
    systemctl set-default multi-user.target
  fi
  systemctl restart crossroads-bridge.service
}

deactivate() {
  systemctl disable --now crossroads-screen.service crossroads-bridge.service 2>/dev/null || true
  systemctl stop 'crossroads-usb@*.service' 2>/dev/null || true
}

# -------------------------------------------------------------------- main --

if [[ $REAL -eq 1 && $EUID -ne 0 ]]; then die "run it as root: sudo $0"; fi

if [[ $UNINSTALL -eq 1 ]]; then
  if [[ $REAL -eq 1 ]]; then deactivate; fi
  remove_files
  if [[ $REAL -eq 1 ]]; then
    systemctl daemon-reload
    udevadm control --reload-rules || true
    if [[ $PURGE -eq 1 ]]; then
      userdel "$USER_SCREEN" 2>/dev/null || true
      userdel "$USER_BRIDGE" 2>/dev/null || true
    fi
  fi
  say "Caspian Crossroads is removed."
  if [[ $PURGE -eq 0 ]]; then say "Its data stays in $DATA (remove it with --uninstall --purge)."; fi
  if [[ $REAL -eq 1 ]]; then say "To boot to the desktop again: sudo systemctl set-default graphical.target"; fi
  exit 0
fi

if [[ $REAL -eq 1 ]]; then
  install_packages
  ensure_users
  if [[ $BUILD -eq 1 ]]; then build_project; fi
fi
copy_app
install_system_files
install_audio
if [[ $REAL -eq 1 ]]; then
  activate
  say "Installed. Reboot (sudo reboot) to boot straight into the exhibit; 'crossroads doctor' checks it."
else
  say "Installed into $ROOT."
fi
