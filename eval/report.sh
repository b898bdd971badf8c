#!/usr/bin/env bash
# Measures quality and speed with the CLI's own eval and bench commands and rewrites the generated part of
# docs/quality.md (between the report:begin and report:end markers) from their JSON, so the numbers there are always
# the output of one command on one commit. Not run by CI: the full run takes about half an hour on 2 cores.
#
# Usage: eval/report.sh [--shared DIR] [--sizes 1000,10000,all] [--limit N] [--skip-archive] [--skip-bench]
#   --shared DIR     the shared data (default ../shared): eval/xquad-ar, eval/easc, corpora/saudinewsnet
#   --sizes LIST     archive sizes of bench --compare (default 1000,10000,all)
#   --limit N        only the first N questions/documents of each set (a quick check; the report says so)
#   --skip-archive   leave out the 106-question SaudiNewsNet set (it indexes the 31,030-article archive)
#   --skip-bench     leave out bench --compare
#   --from DIR       measure nothing: render from the JSON a previous run kept (KEEP_WORK=1) in DIR
# Needs: the .NET 10 SDK, jq; for the PostgreSQL column of bench --compare, apt-get install postgresql.
set -euo pipefail
cd "$(dirname "$0")/.."
REPO="$PWD"
SHARED="../shared"
SIZES="1000,10000,all"
LIMIT=""
SKIP_ARCHIVE=false
SKIP_BENCH=false
FROM=""
while [ $# -gt 0 ]; do
  case "$1" in
    --shared) SHARED="$2"; shift 2 ;;
    --sizes) SIZES="$2"; shift 2 ;;
    --limit) LIMIT="$2"; shift 2 ;;
    --skip-archive) SKIP_ARCHIVE=true; shift ;;
    --skip-bench) SKIP_BENCH=true; shift ;;
    --from) FROM="$2"; shift 2 ;;
    *) sed -n '2,14p' "$0" >&2; exit 2 ;;
  esac
done
command -v jq >/dev/null || { echo "jq is required: apt-get install -y jq" >&2; exit 2; }
if [ -n "$FROM" ]; then
  WORK="$(cd "$FROM" && pwd)"
else
  WORK="$(mktemp -d /tmp/bot-report-XXXXXX)"
  [ -n "${KEEP_WORK:-}" ] && echo "JSON kept in $WORK" >&2 || trap 'rm -rf "$WORK"' EXIT
  XQUAD="$SHARED/eval/xquad-ar/xquad.ar.json"
  EASC="$SHARED/eval/easc/easc.jsonl"
  ARCHIVE="$SHARED/corpora/saudinewsnet/articles.jsonl.gz"
  for file in "$XQUAD" "$EASC"; do
    [ -f "$file" ] || { echo "Missing $file (pass --shared DIR)" >&2; exit 2; }
  done

  limit=()
  [ -n "$LIMIT" ] && limit=(--limit "$LIMIT")

  echo "Building (Release)…" >&2
  dotnet build src/Bot/Bot.csproj -c Release -v quiet -nologo >/dev/null
  bot() { dotnet run -c Release --no-build --project src/Bot -- "$@" --json; }

  echo "XQuAD-ar…" >&2
  bot eval --qa "$XQUAD" "${limit[@]}" >"$WORK/qa.json"
  echo "XQuAD-ar --unanswerable…" >&2
  bot eval --qa "$XQUAD" --unanswerable "${limit[@]}" >"$WORK/unanswerable.json"
  echo "EASC…" >&2
  bot eval --summaries "$EASC" "${limit[@]}" >"$WORK/easc.json"
  if ! $SKIP_ARCHIVE; then
    [ -f "$ARCHIVE" ] || { echo "Missing $ARCHIVE (or --skip-archive)" >&2; exit 2; }
    echo "SaudiNewsNet question set…" >&2
    bot eval --questions eval/saudinewsnet-questions.jsonl --archive "$ARCHIVE" >"$WORK/questions.json"
  fi
  if ! $SKIP_BENCH; then
    [ -f "$ARCHIVE" ] || { echo "Missing $ARCHIVE (or --skip-bench)" >&2; exit 2; }
    echo "bench --compare (sizes $SIZES)…" >&2
    # The table goes to standard output; the JSON is read from the file it writes.
    dotnet run -c Release --project tools/Bot.Bench -- bench --jsonl "$ARCHIVE" --compare --sizes "$SIZES" --out "$WORK/bench" >&2
  fi
  # When and on what it was measured, for --from.
  {
    echo "MEASURED=$(date -u +%Y-%m-%d)"
    echo "COMMIT=$(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src tools || echo '+changes')"
    echo "CORES=$(nproc)"
    echo "LIMIT=$LIMIT"
  } >"$WORK/measured.env"
fi
# shellcheck source=/dev/null
. "$WORK/measured.env"
# fx(d): a number with exactly d decimals ("—" for null), as in the recorded tables.
FX='def fx(d): if . == null then "—" else ((. * pow(10; d)) | round | tostring) as $s
      | (if ($s | length) <= d then ("0" * (d + 1 - ($s | length))) + $s else $s end) as $p
      | if d == 0 then $p else $p[0:($p | length) - d] + "." + $p[($p | length) - d:] end end;'
{
  echo "Measured $MEASURED at commit \`$COMMIT\` on $CORES cores by \`eval/report.sh${LIMIT:+ --limit $LIMIT}\`."
  if [ -n "$LIMIT" ]; then echo "Only the first $LIMIT questions/documents of XQuAD-ar and EASC: a quick check, not numbers to record."; fi
  echo
  echo "| Set | Measure | Value |"
  echo "|---|---|---|"
  jq -r "$FX"' "| XQuAD-ar (\(.questions) questions) | passage Recall@1 / Recall@\(.k) / MRR | \(.recallAt1 | fx(3)) / \(.recallAtK | fx(3)) / \(.mrr | fx(3)) |",
      "| XQuAD-ar | answer contains the gold answer / answer token F1 | \(.answerContainment | fx(3)) / \(.answerF1 | fx(3)) |",
      "| XQuAD-ar | answer latency p50 / p95 / p99 ms | \(.p50Ms | fx(1)) / \(.p95Ms | fx(1)) / \(.p99Ms | fx(1)) |"' "$WORK/qa.json"
  jq -r "$FX"' "| XQuAD-ar `--unanswerable` | false answers / answer rate / containment | \(.falseAnswerRate | fx(3)) / \(.answerRate | fx(3)) / \(.answerContainment | fx(3)) |"' "$WORK/unanswerable.json"
  if [ -f "$WORK/questions.json" ]; then
    jq -r "$FX"' "| SaudiNewsNet, `eval/saudinewsnet-questions.jsonl` (\(.unanswerable) unanswerable, \(.answerable) answerable) | false answers (by kind) / answered / contain the answer | \(.falseAnswerRate | fx(3)) (\(.falseAnswerRateByKind | to_entries | map("\(.key) \(.value | fx(2))") | join(", "))) / \(.answerRate | fx(3)) / \(.answerContainment | fx(3)) |"' "$WORK/questions.json"
  fi
  jq -r "$FX"' "| EASC (\(.documents) documents) | ROUGE-1 / ROUGE-2 / ROUGE-L (Lead-3) | \(.rouge1 | fx(3)) / \(.rouge2 | fx(3)) / \(.rougeL | fx(3)) (\(.lead3Rouge1 | fx(3)) / \(.lead3Rouge2 | fx(3)) / \(.lead3RougeL | fx(3))) |"' "$WORK/easc.json"
  if [ -f "$WORK/bench/compare.json" ]; then
    echo
    jq -r '"`bench --compare`: \(.settings.queries) known-item queries per size, top \(.settings.k) passages, \(.cores) cores, \(.postgres)."' "$WORK/bench/compare.json"
    echo
    echo "| engine | articles | build s | index MB | open ms | p50 ms | p99 ms | q/s (2 threads) | peak RSS build / serve MB | R@1 / R@5 | story R@1 / R@5 |"
    echo "|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|"
    jq -r "$FX"' .rows[] | if .problem != null then "| \(.engine) | \(.articles) | \(.problem) | | | | | | | | |" else
      "| \(.engine) | \(.articles) | \(.buildMs | if . == null then null else . / 1000 end | fx(1)) | \(.indexMb | fx(1)) | \(.openMs | fx(0)) | \(.p50Ms | fx(2)) | \(.p99Ms | fx(2)) | \(.queriesPerSecond2Threads | fx(0)) | \(.buildPeakRssMb | fx(0)) / \(.servePeakRssMb | fx(0)) | \(.recall.recallAt1 | fx(3)) / \(.recall.recallAt5 | fx(3)) | \(.recall.storyRecallAt1 | fx(3)) / \(.recall.storyRecallAt5 | fx(3)) |" end' \
      "$WORK/bench/compare.json"
  fi
} >"$WORK/generated.md"

# Replace what lies between the markers; everything else in docs/quality.md is kept as written.
DOC="$REPO/docs/quality.md"
awk -v generated="$WORK/generated.md" '
  /<!-- report:begin -->/ { print; while ((getline line < generated) > 0) print line; skipping = 1; next }
  /<!-- report:end -->/ { skipping = 0 }
  !skipping { print }
' "$DOC" >"$WORK/quality.md"
cp "$WORK/quality.md" "$DOC"
echo "Rewrote the measured tables of docs/quality.md (measured $MEASURED at $COMMIT)." >&2
