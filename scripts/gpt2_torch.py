#!/usr/bin/env python3
"""Greedy generation with a Hugging Face GPT-2 folder exported by `sheepop export --format hf`, in PyTorch.

An independent reading of the export: the safetensors file is parsed here from the format's description, and the
forward pass is GPT-2's, written out in torch (pre-LayerNorm blocks, fused c_attn, Conv1D weights [in, out], the
activation named in config.json). Prints one line per generated token: id, raw probability, token string.

    gpt2_torch.py HF_DIR PROMPT_IDS_JSON NEW_TOKENS [SHEEPOP_PROBS_TABLE]

With the table `sheepop generate --temperature 0 --show-probs` printed for the same prompt, it also checks that both
chose the same tokens, that the model's probability of each agrees within 1.5e-4 (the table has 4 decimals) and
that its logit agrees within 1e-4.
"""
import json
import math
import struct
import sys

import numpy as np
import torch


def read_safetensors(path):
    with open(path, "rb") as f:
        data = f.read()
    (n,) = struct.unpack("<Q", data[:8])
    header = json.loads(data[8:8 + n])
    out = {}
    for name, t in header.items():
        if name == "__metadata__":
            continue
        assert t["dtype"] == "F32", (name, t["dtype"])
        begin, end = t["data_offsets"]
        arr = np.frombuffer(data, dtype="<f4", count=(end - begin) // 4, offset=8 + n + begin)
        out[name] = torch.from_numpy(arr.copy()).reshape(t["shape"])
    return out


def activation(name):
    if name == "quick_gelu":
        return lambda x: x * torch.sigmoid(1.702 * x)
    if name == "relu":
        return torch.relu
    if name == "gelu_new":
        return lambda x: 0.5 * x * (1 + torch.tanh(math.sqrt(2 / math.pi) * (x + 0.044715 * x ** 3)))
    raise SystemExit("unknown activation_function " + name)


def forward(w, cfg, ids):
    c, n_head, eps = cfg["n_embd"], cfg["n_head"], cfg["layer_norm_epsilon"]
    act = activation(cfg["activation_function"])
    t = len(ids)
    x = w["transformer.wte.weight"][ids] + w["transformer.wpe.weight"][:t]
    mask = torch.tril(torch.ones(t, t, dtype=torch.bool))
    for i in range(cfg["n_layer"]):
        h = "transformer.h.%d." % i
        a = torch.nn.functional.layer_norm(x, (c,), w[h + "ln_1.weight"], w[h + "ln_1.bias"], eps)
        qkv = a @ w[h + "attn.c_attn.weight"] + w[h + "attn.c_attn.bias"]
        q, k, v = qkv.split(c, dim=1)
        hs = c // n_head
        q, k, v = (z.reshape(t, n_head, hs).transpose(0, 1) for z in (q, k, v))
        att = (q @ k.transpose(1, 2)) / math.sqrt(hs)
        att = att.masked_fill(~mask, float("-inf")).softmax(-1)
        y = (att @ v).transpose(0, 1).reshape(t, c)
        x = x + y @ w[h + "attn.c_proj.weight"] + w[h + "attn.c_proj.bias"]
        m = torch.nn.functional.layer_norm(x, (c,), w[h + "ln_2.weight"], w[h + "ln_2.bias"], eps)
        m = act(m @ w[h + "mlp.c_fc.weight"] + w[h + "mlp.c_fc.bias"])
        x = x + m @ w[h + "mlp.c_proj.weight"] + w[h + "mlp.c_proj.bias"]
    x = torch.nn.functional.layer_norm(x, (c,), w["transformer.ln_f.weight"], w["transformer.ln_f.bias"], eps)
    head = w["transformer.wte.weight"] if cfg.get("tie_word_embeddings", True) else w["lm_head.weight"]
    return x[-1] @ head.T


def byte_decoder():
    """GPT-2's byte-level alphabet, reversed: the printable character that stands for each byte."""
    bs = list(range(ord("!"), ord("~") + 1)) + list(range(ord("¡"), ord("¬") + 1)) + list(range(ord("®"), ord("ÿ") + 1))
    cs = bs[:]
    n = 0
    for b in range(256):
        if b not in bs:
            bs.append(b)
            cs.append(256 + n)
            n += 1
    return {chr(c): b for b, c in zip(bs, cs)}


def token_text(piece, byte_level):
    if not byte_level:
        return piece
    dec = byte_decoder()
    return bytes(dec[ch] for ch in piece if ch in dec).decode("utf-8", errors="replace")


def visible(text):
    return text.replace("\n", "↵").replace(" ", "␣").replace("\t", "→")


def main():
    hf, prompt_file, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
    cfg = json.load(open(hf + "/config.json"))
    w = read_safetensors(hf + "/model.safetensors")
    vocab = json.load(open(hf + "/tokenizer.json"))["model"]["vocab"]
    by_id = {i: s for s, i in vocab.items()}
    byte_level = json.load(open(hf + "/tokenizer.json"))["model"]["type"] == "BPE"
    ids = json.load(open(prompt_file))
    room = cfg["n_positions"] - len(ids)
    if n > room:
        # past the context, sheepop slides its window by its own rule (docs/generation.md): compare within one window
        print("only %d new tokens fit in the context of %d after the prompt: comparing those" % (room, cfg["n_positions"]))
        n = room
    ours = []
    with torch.no_grad():
        for _ in range(n):
            logits = forward(w, cfg, ids[-cfg["n_positions"]:])
            probs = logits.softmax(-1)
            nxt = int(torch.argmax(logits))
            text = visible(token_text(by_id.get(nxt, "?"), byte_level))
            ours.append((text, float(probs[nxt]), float(logits[nxt])))
            print("%d %.6f %s" % (nxt, float(probs[nxt]), json.dumps(text, ensure_ascii=False)))
            ids.append(nxt)
    if len(sys.argv) > 4:
        rows = [line.split() for line in open(sys.argv[4], encoding="utf-8") if line.startswith("'")]
        theirs = [(r[0][1:-1], float(r[2]), float(r[3])) for r in rows][:n]
        same = [a[0] == b[0] for a, b in zip(ours, theirs)]
        worst = max(abs(a[1] - b[1]) for a, b in zip(ours, theirs))
        worst_logit = max(abs(a[2] - b[2]) for a, b in zip(ours, theirs))
        print("PASS" if all(same) and len(ours) == len(theirs) else "FAIL",
              " the same %d greedy tokens as sheepop" % len(ours))
        print("PASS" if worst <= 1.5e-4 else "FAIL",
              " each token's probability within 1.5e-4 of sheepop's (largest difference %.1e)" % worst)
        print("PASS" if worst_logit <= 1e-4 else "FAIL",
              " each chosen token's logit within 1e-4 of sheepop's (largest difference %.1e)" % worst_logit)


if __name__ == "__main__":
    main()
