#!/usr/bin/env bash
# Installs the system tools hrlex and its tests use, if they are missing (Debian/Ubuntu).
#   poppler-utils  pdftotext/pdftoppm: PDF text in correct Arabic reading order, page images for OCR
#   tesseract-ocr  OCR of scanned PDFs, with our seven languages' packs
#   antiword       legacy Word .doc files (some arrive named .pdf)
#   chromium, chromium-driver, fonts-noto-cjk  the browser tests of the web page (CJK glyphs in screenshots)
#   wrk            the HTTP load benchmark
#
#   scripts/install-deps.sh            everything (the test suite's needs)
#   scripts/install-deps.sh --runtime  only what indexing real documents needs (no browser)
set -euo pipefail
packages=(poppler-utils tesseract-ocr tesseract-ocr-ara tesseract-ocr-chi-sim tesseract-ocr-eng
  tesseract-ocr-fra tesseract-ocr-rus tesseract-ocr-spa tesseract-ocr-por antiword catdoc)
if [ "${1:-}" != "--runtime" ]; then
  packages+=(chromium chromium-driver fonts-noto-cjk wrk)
fi
missing=()
for package in "${packages[@]}"; do
  dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
sudo_cmd=""
[ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
echo "installing: ${missing[*]}" >&2
$sudo_cmd apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
