# Sourced by the benchmark scripts: arguments (RAWI_BINARY [MB]) and checks.
# Sets rawi, mb and here.
bench_usage() {
  echo "usage: $0 RAWI_BINARY [MB]" >&2
  exit 2
}

bench_args() {
  [[ $# -ge 1 && $# -le 2 ]] || bench_usage
  rawi=$1
  mb=${2:-20}
  [[ -x $rawi && ! -d $rawi ]] || { echo "$0: '$rawi' is not an executable" >&2; exit 2; }
  [[ $mb =~ ^[0-9]+([.][0-9]+)?$ ]] || { echo "$0: MB must be a number, got '$mb'" >&2; exit 2; }
  command -v python3 >/dev/null || { echo "$0: python3 is required" >&2; exit 2; }
}
