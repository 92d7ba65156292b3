#!/usr/bin/env bash
# Checks a GGUF export in llama.cpp: the same prompt ids and the same greedy continuation as
# `sheepop generate --temperature 0`. Not run by CI: it installs node-llama-cpp 3.21.1 (a prebuilt llama.cpp for
# linux-x64, from the npm registry) into $NLC_DIR (default ~/.cache/sheepop-llama) on first use.
#
#   scripts/verify-gguf.sh CHECKPOINT [PROMPT] [NEW_TOKENS] [--f16]
#   SHEEPOP=target/sheepop/bin/sheepop (default) names the sheepop command.
set -euo pipefail
ckpt=${1:?usage: scripts/verify-gguf.sh CHECKPOINT [PROMPT] [NEW_TOKENS] [--f16]}
prompt=${2:-ROMEO:}
n=${3:-20}
f16=${4:-}
sheepop=${SHEEPOP:-target/sheepop/bin/sheepop}
here=$(cd "$(dirname "$0")" && pwd)
nlc=${NLC_DIR:-$HOME/.cache/sheepop-llama}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

if [ ! -d "$nlc/node_modules/node-llama-cpp" ]; then
  mkdir -p "$nlc" && (cd "$nlc" && npm i -E --silent node-llama-cpp@3.21.1)
fi
cp "$here/llama_greedy.mjs" "$nlc/"

"$sheepop" export --format gguf $f16 --checkpoint "$ckpt" --out "$work/model.gguf"
printf '%s' "$prompt" > "$work/prompt.txt"
ours_prompt=$("$sheepop" tokenizer encode --tokenizer "$ckpt" --input "$work/prompt.txt")
ours=$("$sheepop" generate --checkpoint "$ckpt" --prompt "$prompt" --temperature 0 --max-length "$n" 2>/dev/null)
theirs=$(node "$nlc/llama_greedy.mjs" "$work/model.gguf" "$prompt" "$n" 2>/dev/null | tail -1)
python3 - "$ours_prompt" "$ours" "$theirs" "$prompt" <<'PY'
import json, sys
ours_prompt, ours, theirs, prompt = json.loads(sys.argv[1]), sys.argv[2], json.loads(sys.argv[3]), sys.argv[4]
continuation = ours[len(prompt):] if ours.startswith(prompt) else ours
print("PASS" if theirs["prompt"] == ours_prompt else "FAIL", " llama.cpp's tokenizer gives sheepop's prompt ids", theirs["prompt"])
same = theirs["text"] == continuation.rstrip("\n") or theirs["text"].rstrip("\n") == continuation.rstrip("\n")
print("PASS" if same else "FAIL", " the same greedy continuation (%d tokens): %r" % (len(theirs["tokens"]), theirs["text"]))
if not same:
    print("      sheepop: %r" % continuation)
PY
