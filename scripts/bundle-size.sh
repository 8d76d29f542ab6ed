#!/usr/bin/env bash
# Prints each file of one page of a build (not its subfolders) with its raw and gzipped (-9)
# size, and the totals.
set -euo pipefail
dist="${1:-dist}"
[ -d "$dist" ] || { echo "no build at $dist: run scripts/build.sh" >&2; exit 1; }
printf '%-44s %10s %10s\n' "file" "raw B" "gzip B"
total_raw=0
total_gz=0
while IFS= read -r file; do
  raw=$(wc -c <"$file")
  gz=$(gzip -9 -c "$file" | wc -c)
  total_raw=$((total_raw + raw))
  total_gz=$((total_gz + gz))
  printf '%-44s %10d %10d\n' "${file#"$dist"/}" "$raw" "$gz"
done < <(find "$dist" -maxdepth 1 -type f | LC_ALL=C sort)
printf '%-44s %10d %10d\n' "total" "$total_raw" "$total_gz"
