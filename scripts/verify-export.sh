#!/usr/bin/env bash
# Checks an export by running it in PyTorch: the same greedy continuation as `sheepop generate --temperature 0`,
# each token's probability within 1.5e-4 and its logit within 1e-4. Not run by CI (it needs PyTorch: apt-get install python3-torch).
#
#   scripts/verify-export.sh CHECKPOINT [PROMPT] [NEW_TOKENS]
#   SHEEPOP=target/sheepop/bin/sheepop (default) names the sheepop command, PYTHON=python3 the Python with torch.
set -euo pipefail
ckpt=${1:?usage: scripts/verify-export.sh CHECKPOINT [PROMPT] [NEW_TOKENS]}
prompt=${2:-ROMEO:}
n=${3:-40}
sheepop=${SHEEPOP:-target/sheepop/bin/sheepop}
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

"$sheepop" export --format hf --checkpoint "$ckpt" --out "$work/hf"
printf '%s' "$prompt" > "$work/prompt.txt"
"$sheepop" tokenizer encode --tokenizer "$ckpt" --input "$work/prompt.txt" > "$work/prompt.json"
"$sheepop" generate --checkpoint "$ckpt" --prompt "$prompt" --temperature 0 --max-length "$n" --show-probs \
    > "$work/sheepop.txt" 2>/dev/null
"${PYTHON:-python3}" "$here/gpt2_torch.py" "$work/hf" "$work/prompt.json" "$n" "$work/sheepop.txt" | tail -3
