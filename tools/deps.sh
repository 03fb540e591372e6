#!/usr/bin/env bash
# Installs the Debian 12 packages PhoneAdmin needs to build, run and test,
# only those that are missing, so a warm machine skips apt entirely.
set -euo pipefail

packages=(
  gcc libc6-dev meson ninja-build pkg-config
  libglib2.0-dev libglib2.0-bin libgtk-4-dev libadwaita-1-dev libsoup-3.0-dev
  libjson-glib-dev libsecret-1-dev libsqlite3-dev libzbar-dev libxml2-dev
  libsofia-sip-ua-glib-dev  # provd's SIP agent (NOTIFY, OPTIONS to phones)
  libcsv-dev  # reads phone lists imported from CSV (no pkg-config file)
  libepoxy-dev  # asks the display's OpenGL whether it is drawn in software
  gettext desktop-file-utils appstream
  sip-tester  # sipp: plays the phone in the SIP tests
  xvfb xauth dbus gnome-keyring libsecret-tools
  imagemagick xdotool curl zint iproute2 python3 clang python3-pyatspi at-spi2-core
  flatpak-builder  # the flatpak-manifest test loads the manifest with it
)
if [ "${1:-}" = "--run-only" ]; then
  packages=(gcc libc6-dev meson ninja-build pkg-config libglib2.0-dev libglib2.0-bin
            libgtk-4-dev libadwaita-1-dev libsoup-3.0-dev libjson-glib-dev
            libsecret-1-dev libsqlite3-dev libzbar-dev libxml2-dev libsofia-sip-ua-glib-dev
            libcsv-dev libepoxy-dev gettext desktop-file-utils appstream gnome-keyring)
fi

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

echo "Installing missing packages: ${missing[*]}"
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  sudo="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
