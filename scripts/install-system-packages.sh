#!/usr/bin/env bash
# Installs the Debian packages the book needs beyond Python: XeLaTeX for the PDFs (with the
# fonts it uses), poppler's tools, which the tests use to read the PDFs, Chromium, which the
# browser tests drive through Playwright, and EPUBCheck, which validates the EPUB. Everything comes from Debian's own repositories;
# nothing downloads TeX, fonts, a browser or any other binary from elsewhere.
# Runs only what is missing; without root (or password-less sudo) it prints the command instead.
set -euo pipefail

PACKAGES=(texlive-xetex latexmk fonts-freefont-otf fonts-droid-fallback texlive-fonts-recommended poppler-utils make chromium epubcheck)

missing=()
for package in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
[ "${#missing[@]}" -eq 0 ] && exit 0

command=(apt-get install -y -qq --no-install-recommends "${missing[@]}")
if [ "$(id -u)" -eq 0 ]; then
  prefix=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  prefix=(sudo)
else
  echo "The PDF needs Debian packages that are not installed: ${missing[*]}" >&2
  echo "Install them with:" >&2
  echo "  sudo apt-get update && sudo apt-get install --no-install-recommends ${missing[*]}" >&2
  exit 1
fi
echo "Installing Debian packages: ${missing[*]}"
"${prefix[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${prefix[@]}" "${command[@]}" > /dev/null
