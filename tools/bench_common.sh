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

# bench_rounds RUNS NAME...: run `job NAME` (defined by the script; it sets
# job_rss and, optionally, job_note) once each as a warm-up, then RUNS
# interleaved rounds, every command once per round, so that the noise of a
# shared machine falls on all of them alike. Fills the associative arrays
# bench_times (wall seconds, space-separated, one per round), bench_rss
# and bench_note.
declare -A bench_times bench_rss bench_note
bench_rounds() {
  local runs=$1 name r t0 t1
  shift
  for name in "$@"; do job "$name"; done
  for ((r = 0; r < runs; r++)); do
    for name in "$@"; do
      t0=$(date +%s.%N)
      job "$name"
      t1=$(date +%s.%N)
      bench_times[$name]+="$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.6f", b - a }') "
      bench_rss[$name]=$job_rss
      bench_note[$name]=${job_note:-}
    done
  done
}

now() { date +%s.%N; }
# median of numbers, one per line
median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
