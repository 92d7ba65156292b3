#!/usr/bin/env python3
"""Trains a model exported by `sheepop export --format hf` further in PyTorch, data-parallel over processes with
torchrun (DDP; gloo on CPUs, nccl on GPUs), and writes it back as a GPT-2 folder that `sheepop import` reads.

    torchrun --nproc_per_node=N train_exported.py HF_DIR TOKENS_JSON OUT_DIR STEPS [BATCH] [LR]

TOKENS_JSON: the corpus's token ids, from `sheepop tokenizer encode --tokenizer CKPT --input corpus.txt`.
The model is GPT-2's forward pass written out (the activation named in config.json); parameters keep GPT-2's names.
"""
import json
import math
import os
import shutil
import struct
import sys

import numpy as np
import torch
import torch.distributed as dist

from gpt2_torch import activation, read_safetensors


class Gpt2(torch.nn.Module):
    def __init__(self, tensors, cfg):
        super().__init__()
        self.cfg = cfg
        self.names = list(tensors)
        self.params = torch.nn.ParameterList([torch.nn.Parameter(tensors[n].clone()) for n in self.names])
        self.act = activation(cfg["activation_function"])

    def w(self, name):
        return self.params[self.names.index(name)]

    def forward(self, ids):                                  # ids [B, T] → logits [B, T, V]
        c, nh, eps = self.cfg["n_embd"], self.cfg["n_head"], self.cfg["layer_norm_epsilon"]
        b, t = ids.shape
        x = self.w("transformer.wte.weight")[ids] + self.w("transformer.wpe.weight")[:t]
        mask = torch.tril(torch.ones(t, t, dtype=torch.bool))
        ln = torch.nn.functional.layer_norm
        for i in range(self.cfg["n_layer"]):
            h = "transformer.h.%d." % i
            a = ln(x, (c,), self.w(h + "ln_1.weight"), self.w(h + "ln_1.bias"), eps)
            q, k, v = (a @ self.w(h + "attn.c_attn.weight") + self.w(h + "attn.c_attn.bias")).split(c, dim=2)
            q, k, v = (z.reshape(b, t, nh, c // nh).transpose(1, 2) for z in (q, k, v))
            att = ((q @ k.transpose(-1, -2)) / math.sqrt(c // nh)).masked_fill(~mask, float("-inf")).softmax(-1)
            y = (att @ v).transpose(1, 2).reshape(b, t, c)
            x = x + y @ self.w(h + "attn.c_proj.weight") + self.w(h + "attn.c_proj.bias")
            m = ln(x, (c,), self.w(h + "ln_2.weight"), self.w(h + "ln_2.bias"), eps)
            m = self.act(m @ self.w(h + "mlp.c_fc.weight") + self.w(h + "mlp.c_fc.bias"))
            x = x + m @ self.w(h + "mlp.c_proj.weight") + self.w(h + "mlp.c_proj.bias")
        x = ln(x, (c,), self.w("transformer.ln_f.weight"), self.w("transformer.ln_f.bias"), eps)
        head = self.w("transformer.wte.weight") if self.cfg.get("tie_word_embeddings", True) else self.w("lm_head.weight")
        return x @ head.T


def write_safetensors(path, tensors):
    header, offset, blobs = {}, 0, []
    for name, t in tensors.items():
        data = t.detach().to(torch.float32).contiguous().numpy().astype("<f4").tobytes()
        header[name] = {"dtype": "F32", "shape": list(t.shape), "data_offsets": [offset, offset + len(data)]}
        offset += len(data)
        blobs.append(data)
    raw = json.dumps(header).encode()
    raw += b" " * (-len(raw) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(raw)))
        f.write(raw)
        for b in blobs:
            f.write(b)


def main():
    hf, tokens_file, out, steps = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    batch = int(sys.argv[5]) if len(sys.argv) > 5 else 8
    lr = float(sys.argv[6]) if len(sys.argv) > 6 else 1e-3
    dist.init_process_group("nccl" if torch.cuda.is_available() else "gloo")
    rank, world = dist.get_rank(), dist.get_world_size()
    torch.manual_seed(1337 + rank)                          # each process draws its own batches
    cfg = json.load(open(hf + "/config.json"))
    model = torch.nn.parallel.DistributedDataParallel(Gpt2(read_safetensors(hf + "/model.safetensors"), cfg))
    ids = torch.tensor(json.load(open(tokens_file)), dtype=torch.long)
    t = cfg["n_positions"]
    opt = torch.optim.AdamW(model.parameters(), lr=lr, weight_decay=0.1, betas=(0.9, 0.99))
    for step in range(1, steps + 1):
        starts = torch.randint(0, len(ids) - t - 1, (batch,))
        x = torch.stack([ids[s:s + t] for s in starts])
        y = torch.stack([ids[s + 1:s + t + 1] for s in starts])
        loss = torch.nn.functional.cross_entropy(model(x).reshape(-1, cfg["vocab_size"]), y.reshape(-1))
        opt.zero_grad()
        loss.backward()                                      # DDP averages the gradients over the processes
        opt.step()
        if rank == 0 and (step == 1 or step % max(1, steps // 10) == 0):
            print("step %d/%d: loss %.4f (%d processes × batch %d)" % (step, steps, loss.item(), world, batch), flush=True)
    if rank == 0:
        os.makedirs(out, exist_ok=True)
        for f in ("config.json", "generation_config.json", "tokenizer.json"):
            shutil.copy(os.path.join(hf, f), os.path.join(out, f))
        inner = model.module
        write_safetensors(os.path.join(out, "model.safetensors"), {n: inner.w(n) for n in inner.names})
        print("wrote", out)
    dist.destroy_process_group()


if __name__ == "__main__":
    main()
