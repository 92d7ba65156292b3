#!/usr/bin/env bash
# Training speed and memory of SheepOp side by side with nanoGPT (PyTorch) on this machine, in alternating rounds:
# nanoGPT's train.py, then `sheepop bench train`, then nanoGPT again, ... on the same model, batch and text, so that
# both see the same machine, load and OpenBLAS kernels. Prints each round and the medians; a ratio compares figures
# of this run only.
#
# usage: scripts/side-by-side-nanogpt.sh NANOGPT_DIR [ROUNDS=3] [ref|baby]
#   NANOGPT_DIR  a checkout of https://github.com/karpathy/nanoGPT (PyTorch installed for $PYTHON)
#   ref          the reference workload: 4 layers, 4 heads, 128 wide, context 64, batch 12 (100 timed iterations)
#   baby         nanoGPT's baby GPT: 6 layers, 6 heads, 384 wide, context 256, batch 4 (30 timed iterations)
# env: PYTHON (python3), SHEEPOP (target/sheepop/bin/sheepop; build it with `mvn -DskipTests package`),
#      TORCH_THREADS (1: PyTorch's fastest setting on 2 cores), OPENBLAS_CORETYPE (keep it the same for both sides).
set -euo pipefail
NANOGPT=${1:?usage: $0 NANOGPT_DIR [ROUNDS] [ref|baby]}
ROUNDS=${2:-3}
MODEL=${3:-ref}
HERE=$(cd "$(dirname "$0")/.." && pwd)
PYTHON=${PYTHON:-python3}
SHEEPOP=${SHEEPOP:-$HERE/target/sheepop/bin/sheepop}
TORCH_THREADS=${TORCH_THREADS:-1}
case "$MODEL" in
  ref)  SHAPE=(--n_layer=4 --n_head=4 --n_embd=128 --block_size=64 --batch_size=12); ITERS=100; BENCH=() ;;
  baby) SHAPE=(--n_layer=6 --n_head=6 --n_embd=384 --block_size=256 --batch_size=4); ITERS=30; BENCH=(--baby) ;;
  *) echo "model: ref or baby, not $MODEL" >&2; exit 2 ;;
esac
[ -x "$SHEEPOP" ] || { echo "no $SHEEPOP: run mvn -DskipTests package first (or set SHEEPOP)" >&2; exit 2; }
[ -f "$NANOGPT/train.py" ] || { echo "$NANOGPT has no train.py: give a nanoGPT checkout" >&2; exit 2; }

# nanoGPT's character-level Shakespeare data, prepared from the text SheepOp ships (no download)
DATA=$NANOGPT/data/shakespeare_char
if [ ! -f "$DATA/train.bin" ]; then
  cp "$HERE/sample-data/tinyshakespeare.txt" "$DATA/input.txt"
  (cd "$DATA" && "$PYTHON" prepare.py >/dev/null)
fi

median() { sort -g | awk '{v[NR]=$1} END {if (NR==0) print "nan"; else if (NR%2) print v[(NR+1)/2]; else print (v[NR/2]+v[NR/2+1])/2}'; }

nanogpt_round() {   # prints "ms_per_iter peak_rss_mb"
  local log rss
  log=$(mktemp)
  (cd "$NANOGPT" && OMP_NUM_THREADS=$TORCH_THREADS /usr/bin/time -f "maxrss_kb %M" "$PYTHON" train.py \
      config/train_shakespeare_char.py --device=cpu --compile=False --dropout=0.0 --log_interval=1 --eval_iters=20 \
      --max_iters=$ITERS --lr_decay_iters=2000 --always_save_checkpoint=False --out_dir="$(mktemp -d)" "${SHAPE[@]}") \
      >"$log" 2>&1 || { cat "$log" >&2; exit 1; }
  rss=$(awk '/^maxrss_kb/ {print $2 / 1000}' "$log")
  # "iter N: loss L, time T ms, ...": iteration 0 and 1 warm up
  echo "$(sed -n 's/^iter \([0-9]*\): .*time \([0-9.]*\)ms.*/\1 \2/p' "$log" | awk '$1 >= 2 {print $2}' | median) $rss"
  rm -f "$log"
}

sheepop_round() {   # prints "ms_per_step peak_rss_mb"
  local out
  out=$("$SHEEPOP" bench train "${BENCH[@]}" 2>/dev/null)
  echo "$(sed -n 's/^median step: *\([0-9.]*\) ms.*/\1/p' <<<"$out") $(sed -n 's/.*process RSS \([0-9]*\) MB.*/\1/p' <<<"$out")"
}

echo "workload $MODEL, $ROUNDS alternating rounds, OPENBLAS_CORETYPE=${OPENBLAS_CORETYPE:-unset} for both, PyTorch threads $TORCH_THREADS"
printf '%-6s %14s %14s %8s %12s %12s %8s\n' round "nanoGPT ms" "sheepop ms" speed "nanoGPT MB" "sheepop MB" memory
declare -a NMS SMS NRSS SRSS
for r in $(seq 1 "$ROUNDS"); do
  read -r nms nrss < <(nanogpt_round)
  read -r sms srss < <(sheepop_round)
  NMS+=("$nms"); SMS+=("$sms"); NRSS+=("$nrss"); SRSS+=("$srss")
  printf '%-6s %14.1f %14.1f %7.2fx %12.0f %12.0f %7.2fx\n' "$r" "$nms" "$sms" "$(echo "$nms / $sms" | bc -l)" \
      "$nrss" "$srss" "$(echo "$srss / $nrss" | bc -l)"
done
m() { printf '%s\n' "$@" | median; }
nm=$(m "${NMS[@]}"); sm=$(m "${SMS[@]}"); nr=$(m "${NRSS[@]}"); sr=$(m "${SRSS[@]}")
printf '%-6s %14.1f %14.1f %7.2fx %12.0f %12.0f %7.2fx\n' median "$nm" "$sm" "$(echo "$nm / $sm" | bc -l)" "$nr" "$sr" \
    "$(echo "$sr / $nr" | bc -l)"
echo "speed: nanoGPT ms / sheepop ms (above 1: SheepOp is faster); memory: sheepop RSS / nanoGPT RSS (peak)"
