# Shared by scripts/run and scripts/test. Sourced, not executed.
# Every step checks first and does nothing when its work is already done, so a second
# run of either script only rebuilds what changed.

set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD="$ROOT/build"

# Packages needed to build and run the server (Debian 12).
BUILD_PACKAGES=(
  ca-certificates g++ cmake ninja-build pkg-config ccache
  libpoco-dev libssl-dev libpodofo-dev libmysqlcppconn-dev libsqlite3-dev libxapian-dev
  libargon2-dev libicu-dev libpoppler-cpp-dev libtesseract-dev libleptonica-dev
  tesseract-ocr-vie tesseract-ocr-eng libcairo2-dev libpango1.0-dev fonts-liberation
  fonts-liberation2 libpng-dev zlib1g-dev libgtest-dev libgmock-dev
)
# Extra packages the tests drive as real peers and oracles.
TEST_PACKAGES=(
  mariadb-server poppler-utils qpdf libnss3-tools libpodofo-utils
  softhsm2 libengine-pkcs11-openssl opensc chromium
)

log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"
  elif command -v sudo >/dev/null; then sudo "$@"
  else echo "need root to run: $*" >&2; exit 1; fi
}

# ensure_packages PKG... — installs only the packages that are missing.
ensure_packages() {
  local missing=() p
  # Node.js: keep a newer node if one is installed; otherwise take Debian's nodejs (18) and npm.
  if ! command -v node >/dev/null 2>&1; then missing+=(nodejs npm); fi
  if ! command -v npm >/dev/null 2>&1 && command -v node >/dev/null 2>&1; then missing+=(npm); fi
  for p in "$@"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
      missing+=("$p")
    fi
  done
  if [ ${#missing[@]} -eq 0 ]; then return 0; fi
  log "installing ${missing[*]}"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    "${missing[@]}" >/dev/null
}

check_node() {
  local major
  major=$(node -p 'process.versions.node.split(".")[0]')
  if [ "$major" -lt 18 ]; then
    echo "Node.js $major is too old; need 18 or newer" >&2; exit 1
  fi
}

# npm_ci DIR — runs `npm ci` only when package-lock.json changed since the last install.
npm_ci() {
  local dir=$1 stamp="$1/node_modules/.chancery-lock.sha256" want
  want=$(sha256sum "$dir/package-lock.json" | cut -d' ' -f1)
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then return 0; fi
  log "npm ci in ${dir#"$ROOT"/}"
  (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
  echo "$want" > "$stamp"
}

configure() {
  if [ ! -f "$BUILD/CMakeCache.txt" ]; then
    log "configuring build/"
    cmake --preset release -S "$ROOT" >/dev/null
  fi
}

build() {
  log "building ${*:-all}"
  local targets=()
  for t in "$@"; do targets+=(--target "$t"); done
  cmake --build "$BUILD" "${targets[@]}" -- -j"$(nproc)"
}
