package dev.sheepop.generate;

import dev.sheepop.checkpoint.Checkpoints;
import dev.sheepop.checkpoint.LoadedCheckpoint;
import dev.sheepop.config.GptConfig;
import dev.sheepop.model.GptModel;
import dev.sheepop.tokenizer.TextStream;
import dev.sheepop.tokenizer.Tokenizer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * Generates text from one model: encodes the prompt, prefills it (through the prompt cache on the cached
 * path), then samples token after token, streaming the text to a listener, until max new tokens, EOS, a stop
 * string or cancellation. Thread-safe: each call gets its own decoder; the weights are shared.
 *
 * <p><b>Context window rule</b> (the same code for both paths): the model sees at most {@code max_seq_len}
 * tokens. A longer prompt keeps its last {@code max_seq_len} tokens. When a new token must be appended to a
 * full context, the context becomes its last {@link #windowKeep(int)} tokens (the new one included) and is
 * prefilled again from position 0. This is exact (positions are absolute, so cached keys cannot be shifted)
 * and costs one prefill of {@code windowKeep} tokens every {@code max_seq_len − windowKeep + 1} new tokens.
 */
public final class Generator {
    private static final Logger LOG = LoggerFactory.getLogger(Generator.class);
    /** Alternatives reported with each token when a listener asks for probabilities. */
    static final int ALTERNATIVES = 5;
    /** Default prompt-cache bound. */
    public static final long DEFAULT_PROMPT_CACHE_BYTES = 64L << 20;

    private final GptConfig config;
    private final Tokenizer tokenizer;
    private final DecoderWeights weights;
    private final Supplier<StandardDecoder.FullForward> fullForward;
    private final PromptCache promptCache;

    /**
     * A generator over {@code weights}; {@code fullForward} supplies the standard path's model on first use
     * (null: no standard path); {@code promptCache} may be null (no prompt cache).
     */
    public Generator(Tokenizer tokenizer, DecoderWeights weights, Supplier<StandardDecoder.FullForward> fullForward,
                     PromptCache promptCache) {
        this.config = weights.config();
        this.tokenizer = tokenizer;
        this.weights = weights;
        this.fullForward = fullForward == null ? null : memoize(fullForward);
        this.promptCache = promptCache;
        if (tokenizer.vocabSize() != config.vocabSize()) {
            throw new IllegalArgumentException("tokenizer has " + tokenizer.vocabSize() + " tokens, model vocab_size is "
                    + config.vocabSize());
        }
    }

    /** A generator for a loaded checkpoint (its config, tokenizer and weights). */
    public static Generator open(LoadedCheckpoint checkpoint) {
        return fromWeights(checkpoint.config().model(), checkpoint.tokenizer(), checkpoint.weights());
    }

    /**
     * Loads a checkpoint folder, or a run folder's best checkpoint; a missing, truncated or foreign checkpoint
     * is a {@link dev.sheepop.common.UserException} naming the file and what is wrong.
     */
    public static Generator open(Path checkpointOrRunDir) {
        return open(Checkpoints.load(checkpointOrRunDir));
    }

    /**
     * A generator over a model's ND4J weights (names and shapes of {@code ParamNames}): the cached path runs
     * over float copies; the standard path builds the SameDiff model ({@link GptModel}) the first time it is used.
     */
    public static Generator fromWeights(GptConfig config, Tokenizer tokenizer, Map<String, INDArray> weights) {
        var decoderWeights = DecoderWeights.fromNd4j(config, weights);
        return new Generator(tokenizer, decoderWeights, () -> sameDiffForward(GptModel.fromWeights(config, weights)),
                new PromptCache(DEFAULT_PROMPT_CACHE_BYTES));
    }

    /** The standard path's forward: {@link GptModel#logits(int[])} over the whole context, last row. */
    public static StandardDecoder.FullForward sameDiffForward(GptModel model) {
        return context -> {
            synchronized (model) {                              // GptModel is not thread-safe
                INDArray logits = model.logits(context);        // [T, V]
                return logits.getRow(context.length - 1).toFloatVector();
            }
        };
    }

    /** Tokens kept when the full context slides: half of {@code max_seq_len} (at least 1). */
    public static int windowKeep(int maxSeqLen) {
        return Math.max(1, maxSeqLen / 2);
    }

    public GptConfig config() {
        return config;
    }

    public Tokenizer tokenizer() {
        return tokenizer;
    }

    public DecoderWeights weights() {
        return weights;
    }

    /** The prompt cache (null when disabled). */
    public PromptCache promptCache() {
        return promptCache;
    }

    private static <T> Supplier<T> memoize(Supplier<T> supplier) {
        return new Supplier<>() {
            private T value;

            @Override
            public synchronized T get() {
                if (value == null) {
                    value = supplier.get();
                }
                return value;
            }
        };
    }

    /** The distinct characters of {@code prompt} that the tokenizer maps to unk, in code-point order. */
    public TreeSet<String> unknownCharacters(String prompt) {
        var unknown = new TreeSet<String>();
        if (tokenizer.unk() < 0) {
            return unknown;                                     // byte-level: every character encodes
        }
        prompt.codePoints().distinct().forEach(cp -> {
            String ch = new String(Character.toChars(cp));
            if (Arrays.stream(tokenizer.encode(ch)).anyMatch(id -> id == tokenizer.unk())) {
                unknown.add(ch);
            }
        });
        return unknown;
    }

    /** A new decoder for one generation: cached (plain Java + KV cache) or standard (full forward). */
    public Decoder decoder(boolean cached) {
        if (cached) {
            return new CachedDecoder(weights);
        }
        if (fullForward == null) {
            throw new IllegalStateException("the standard path needs the SameDiff model, which is not loaded");
        }
        return new StandardDecoder(fullForward.get(), config.maxSeqLen());
    }

    /** Generates from {@code prompt}; an empty prompt starts from the bos token. */
    public GenerationResult generate(String prompt, SamplingSettings settings, GenerationListener listener,
                                     AtomicBoolean cancel) {
        int[] ids = tokenizer.encode(prompt);
        return generate(ids.length == 0 ? new int[]{tokenizer.bos()} : ids, settings, listener, cancel);
    }

    /** Generates after the prompt token ids (at least one). */
    public GenerationResult generate(int[] promptIds, SamplingSettings settings, GenerationListener listener,
                                     AtomicBoolean cancel) {
        return generate(promptIds, settings, listener, cancel, true);
    }

    /** As above; {@code stopAtEos = false} keeps going past eos (benchmarks on random weights). */
    GenerationResult generate(int[] promptIds, SamplingSettings settings, GenerationListener listener,
                              AtomicBoolean cancel, boolean stopAtEos) {
        if (promptIds.length == 0) {
            throw new IllegalArgumentException("the prompt must have at least one token");
        }
        listener = listener == null ? GenerationListener.NONE : listener;
        cancel = cancel == null ? new AtomicBoolean() : cancel;
        int cap = config.maxSeqLen();
        int[] ctx = Arrays.copyOfRange(promptIds, Math.max(0, promptIds.length - cap), promptIds.length);
        int len = ctx.length;
        ctx = Arrays.copyOf(ctx, cap);                          // the window the model sees: ctx[0, len)
        Decoder decoder = decoder(settings.useCache());

        long t0 = System.nanoTime();
        int[] prompt = Arrays.copyOf(ctx, len);
        int cached = 0;
        float[] logits;
        if (decoder instanceof CachedDecoder cd && promptCache != null) {
            var hit = promptCache.lookup(prompt);
            if (hit != null) {
                cd.restore(hit.kv());
                cached = hit.tokens().length;
            }
            logits = cached == len ? hit.logits().clone() : cd.prefill(Arrays.copyOfRange(prompt, cached, len));
            if (cached < len) {
                promptCache.put(prompt, cd.snapshot(), logits);
            }
        } else {
            logits = decoder.prefill(prompt);
        }
        long t1 = System.nanoTime();

        var sampler = Sampler.of(settings, new SplittableRandom(settings.seed()));
        var stops = new StopMatcher(settings.stopStrings());
        var text = new TextStream(tokenizer);                  // holds back bytes of an unfinished character
        float penalty = (float) settings.repetitionPenalty();
        int[] generated = new int[Math.min(settings.maxNewTokens(), 1 << 16)];
        int count = 0;
        StopReason reason = StopReason.MAX_TOKENS;
        TokenChoice choice = null;
        while (true) {
            if (cancel.get()) {
                reason = StopReason.CANCELLED;
                break;
            }
            int tok;
            float[] raw = listener.wantsTokens() ? LogitFilters.softmax(logits) : null;
            float[] modelLogits = raw == null ? null : logits.clone();   // before the filters change them in place
            LogitFilters.repetitionPenalty(logits, ctx, 0, len, penalty);
            if (raw == null) {
                tok = sampler.sampleToken(logits);
            } else {                                            // the same draw, its odds kept
                float[] probs = sampler.distribution(logits);
                tok = sampler.draw(probs);
                choice = TokenChoices.of(tokenizer, tok, probs, raw, modelLogits[tok], ALTERNATIVES);
            }
            if (tok == tokenizer.eos() && stopAtEos) {
                reason = StopReason.EOS;
                break;
            }
            if (count == generated.length) {
                generated = Arrays.copyOf(generated, 2 * count);
            }
            generated[count++] = tok;
            String completed = text.append(tok);
            if (choice != null) {
                listener.onToken(new TokenChoice(choice.id(), completed, choice.probability(), choice.rawProbability(),
                        choice.logit(), choice.alternatives()));
                choice = null;
            }
            String piece = stops.append(completed);
            if (!piece.isEmpty()) {
                listener.onText(piece);
            }
            if (stops.stopped()) {
                reason = StopReason.STOP_STRING;
                break;
            }
            if (count >= settings.maxNewTokens()) {
                break;
            }
            if (len == cap) {                                   // slide the window and prefill it again
                int keep = windowKeep(cap);
                System.arraycopy(ctx, cap - keep + 1, ctx, 0, keep - 1);
                ctx[keep - 1] = tok;
                len = keep;
                decoder.reset();
                logits = decoder.prefill(Arrays.copyOf(ctx, len));
            } else {
                ctx[len++] = tok;
                logits = decoder.step(tok);
            }
        }
        String tail = reason == StopReason.STOP_STRING ? "" : stops.append(text.flush());
        if (!tail.isEmpty()) {
            listener.onText(tail);
        }
        String rest = stops.flush();
        if (!rest.isEmpty()) {
            listener.onText(rest);
        }
        long t2 = System.nanoTime();
        double prefillS = (t1 - t0) / 1e9;
        double decodeS = (t2 - t1) / 1e9;
        int prefilled = prompt.length - cached;
        LOG.debug("generated {} tokens ({}) in {} s after a {}-token prefill ({} cached)", count, reason, decodeS,
                prompt.length, cached);
        return new GenerationResult(stops.finalText(), Arrays.copyOf(generated, count), reason, prompt.length, cached,
                prefillS, decodeS, decodeS > 0 ? count / decodeS : 0,
                prefilled > 0 && prefillS > 0 ? prefilled / prefillS : 0);
    }
}
