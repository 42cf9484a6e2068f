#!/usr/bin/env bash
# Installs the Debian packages the project uses when they are missing and we may (root + apt):
#   chromium            headless browser for the browser and accessibility tests
#   poppler-utils       pdftoppm, to look at generated PDFs
#   libharfbuzz-subset0 about ten times faster font subsetting in WeasyPrint (optional)
#   postgresql          server binaries for the throwaway test cluster, if none are present
#   default-jre-headless Java for the Nu Html Checker (vnu.jar) of the HTML test, if no java
# Without root or apt it changes nothing and says what is missing.
set -uo pipefail

wanted=(chromium poppler-utils libharfbuzz-subset0 fonts-dejavu-core)
if ! command -v pg_ctl >/dev/null 2>&1 && ! ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1; then
  wanted+=(postgresql)
fi

if ! command -v java >/dev/null 2>&1; then
  wanted+=(default-jre-headless)
fi

missing=()
for pkg in "${wanted[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "Let op: ontbrekende systeempakketten (${missing[*]}); installeer ze met apt-get als root." >&2
  exit 0
fi
echo "Systeempakketten installeren: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null
# Optional packages must not break the set-up when a mirror lacks one: install one by one.
for pkg in "${missing[@]}"; do
  apt-get install -y -qq --no-install-recommends "$pkg" >/dev/null 2>&1 \
    || echo "Let op: pakket $pkg kon niet worden geïnstalleerd." >&2
done
exit 0
