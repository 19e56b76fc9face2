#!/usr/bin/env bash
# Compares two .xlsx files part by part (issue 17): the same part names, and every part's uncompressed
# bytes identical (`unzip -p`); the zip container itself (compression, timestamps) may differ. The
# 计算说明 sheet holds the run time: give SOURCE_DATE_EPOCH to both runs; docProps/core.xml's write time
# is ignored. Exit 0 when identical.
# Usage: scripts/compareXlsxParts.sh before.xlsx after.xlsx
set -euo pipefail
a=$1 b=$2
la=$(unzip -Z1 "$a" | sort) lb=$(unzip -Z1 "$b" | sort)
if [ "$la" != "$lb" ]; then
  echo "part names differ:"; diff <(echo "$la") <(echo "$lb") || true; exit 1
fi
differ=0 n=0 bytes=0
while IFS= read -r part; do
  n=$((n + 1))
  # unzip reads a name as a wildcard pattern: "[" stands for itself only as "[[]".
  pattern=${part//[/[[]}
  # docProps/core.xml holds the time the file was written (ExcelJS's, not SOURCE_DATE_EPOCH): left out.
  strip=cat
  if [ "$part" = docProps/core.xml ]; then strip="sed -E s/[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:]{8}Z/TIME/g"; fi
  ha=$(unzip -p "$a" "$pattern" | $strip | sha256sum | cut -d' ' -f1)
  hb=$(unzip -p "$b" "$pattern" | $strip | sha256sum | cut -d' ' -f1)
  if [ "$ha" != "$hb" ]; then echo "differs: $part"; differ=$((differ + 1)); fi
done <<< "$la"
bytes=$(unzip -l "$a" | tail -1 | awk '{print $1}')
echo "$n parts, $bytes bytes uncompressed; $differ differ"
[ "$differ" -eq 0 ]
