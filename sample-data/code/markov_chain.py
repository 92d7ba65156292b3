"""A character-level Markov chain: the simplest language model there is."""
import random
import sys
from collections import Counter, defaultdict


def train(text, order=4):
    """Counts which character follows every context of `order` characters."""
    model = defaultdict(Counter)
    for i in range(len(text) - order):
        model[text[i:i + order]][text[i + order]] += 1
    return model


def generate(model, seed, length=300, order=4):
    """Samples `length` characters, each one given the previous `order` characters."""
    out = seed
    for _ in range(length):
        counts = model.get(out[-order:])
        if not counts:
            break
        chars, weights = zip(*counts.items())
        out += random.choices(chars, weights=weights)[0]
    return out


if __name__ == "__main__":
    corpus = open(sys.argv[1], encoding="utf-8").read()
    print(generate(train(corpus), corpus[:4]))
