#!/usr/bin/env bash
# Caspian Crossroads: Chromium in kiosk mode on the bridge's page, run by cage
# in crossroads-screen.service. Installed as /usr/local/libexec/crossroads/kiosk-browser.
set -euo pipefail

url="${CROSSROADS_URL:-http://127.0.0.1:8080/}"

browser=""
for candidate in chromium chromium-browser; do
  if command -v "$candidate" >/dev/null 2>&1; then
    browser="$(command -v "$candidate")"
    break
  fi
done
if [[ -z "$browser" ]]; then
  echo "kiosk-browser: Chromium is not installed (sudo apt-get install chromium)" >&2
  exit 1
fi

run_dir="${RUNTIME_DIRECTORY:-${XDG_RUNTIME_DIR:-/tmp}/crossroads-screen}"
profile="$run_dir/profile"
mkdir -p "$profile"

# Wait (up to a minute) for the bridge to listen, so Chromium never starts on
# an error page it would then keep showing.
if [[ "$url" =~ ^http://([^/:]+):([0-9]+)/ ]]; then
  host="${BASH_REMATCH[1]}"
  port="${BASH_REMATCH[2]}"
  for _ in $(seq 1 60); do
    if (exec 3<>"/dev/tcp/$host/$port") 2>/dev/null; then break; fi
    sleep 1
  done
fi

flags=(
  --kiosk
  --ozone-platform=wayland
  "--user-data-dir=$profile"
  --no-first-run
  --no-default-browser-check
  --password-store=basic
  # No crash bubble, no infobars, no error dialogs, no translate bar.
  --noerrdialogs
  --disable-infobars
  --disable-session-crashed-bubble
  "--disable-features=Translate,TranslateUI,MediaRouter"
  # Visitors cannot zoom or swipe the page away.
  --disable-pinch
  --overscroll-history-navigation=0
  # No update checks, no background traffic (the kiosk needs no network).
  --check-for-update-interval=31536000
  --disable-background-networking
  --disable-component-update
  --disable-sync
  # The GPU draws, even where Chromium's list would refuse it.
  --enable-gpu-rasterization
  --ignore-gpu-blocklist
  # The page keeps its timers (and heartbeat) at full speed.
  --disable-background-timer-throttling
  --disable-renderer-backgrounding
  --autoplay-policy=no-user-gesture-required
  --deny-permission-prompts
  --hide-scrollbars
  --disk-cache-size=33554432
)

# Extra flags from /etc/default/crossroads, split on spaces on purpose.
read -r -a extra <<<"${CROSSROADS_BROWSER_FLAGS:-}"

exec "$browser" "${flags[@]}" "${extra[@]}" "$url"
