package dev.sheepop.app.config;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the Config pane says about one setting: a human label, a one-line help, the unit, and whether it is an
 * advanced setting (hidden until "Show advanced settings"). Every key of config.json has an entry; the key itself
 * is shown beside the label for people who edit config.json by hand.
 */
public record FieldInfo(String label, String help, String unit, boolean advanced) {
    private static final Map<String, FieldInfo> ALL = new LinkedHashMap<>();

    private static void basic(String path, String label, String unit, String help) {
        ALL.put(path, new FieldInfo(label, help, unit, false));
    }

    private static void advanced(String path, String label, String unit, String help) {
        ALL.put(path, new FieldInfo(label, help, unit, true));
    }

    static {
        basic("model.d_model", "Width", "", "Size of each token's vector inside the model; more is smarter and slower");
        basic("model.num_layers", "Layers", "", "Transformer blocks stacked on each other");
        basic("model.num_heads", "Attention heads", "", "Parallel attention patterns per layer; must divide the width");
        basic("model.max_seq_len", "Context length", "tokens", "The most tokens the model can look back on");
        advanced("model.vocab_size", "Vocabulary size", "tokens", "0 = the tokenizer's size (the usual choice)");
        advanced("model.d_ff", "Feed-forward width", "", "Hidden size of each block's MLP, usually 4 × width");
        advanced("model.dropout", "Dropout", "0–1", "Share of activations zeroed while training; helps against overfitting");
        advanced("model.activation", "Activation", "", "gelu (fast sigmoid GELU), gelu_tanh (GPT-2's; needed for GGUF export) or relu");
        advanced("model.positional_encoding", "Positions", "", "learned (GPT-2) or sinusoidal (fixed) position vectors");
        advanced("model.tie_embeddings", "Tie input and output", "", "The output layer reuses the token table (fewer parameters)");
        advanced("model.bias", "Biases", "", "Add bias vectors to the linear layers");
        advanced("model.norm_position", "LayerNorm position", "", "pre: before each sublayer (GPT-2, stable); post: after the residual sum");
        basic("tokenizer.type", "Tokenizer", "", "bpe: learned word pieces (more text per token); char: one token per character");
        basic("tokenizer.vocab_size", "BPE vocabulary", "tokens", "Tokens a BPE tokenizer learns (256 bytes + end-of-text + merges)");
        advanced("tokenizer.min_frequency", "BPE min frequency", "times", "Merge only pairs seen at least this often");
        advanced("tokenizer.file", "Tokenizer file", "", "An existing tokenizer.json to use instead of learning one (empty: learn)");
        basic("training.max_steps", "Training steps", "steps", "Optimizer steps to train; 0 = train by epochs");
        basic("training.batch_size", "Batch size", "windows", "Text windows per step");
        basic("training.learning_rate", "Learning rate", "", "Peak step size of the optimizer (AdamW)");
        advanced("training.max_epochs", "Epochs", "passes", "Passes over the training text when training steps is 0");
        advanced("training.min_lr", "Final learning rate", "", "The learning rate the cosine decay ends at");
        advanced("training.weight_decay", "Weight decay", "", "Pull of the weight matrices towards zero (AdamW)");
        advanced("training.beta1", "Adam β1", "", "Momentum of the gradient average");
        advanced("training.beta2", "Adam β2", "", "Momentum of the squared-gradient average");
        advanced("training.warmup_steps", "Warm-up", "steps", "Steps over which the learning rate rises from zero");
        advanced("training.lr_decay_steps", "Decay length", "steps", "Steps of the cosine decay; 0 = until the last step");
        advanced("training.max_grad_norm", "Gradient clipping", "", "Largest gradient norm; 0 = no clipping");
        advanced("training.gradient_accumulation_steps", "Accumulation", "batches", "Batches summed per step (a larger batch in the same memory)");
        advanced("training.use_amp", "Mixed precision", "", "FP16 matmuls on an NVIDIA GPU; the CPU always trains in FP32");
        advanced("training.eval_interval", "Evaluate every", "steps", "Steps between validation losses");
        advanced("training.eval_iters", "Evaluation batches", "batches", "Batches averaged per validation loss");
        advanced("training.checkpoint_interval", "Checkpoint every", "steps", "Steps between saved checkpoints; 0 = per epoch and at the end");
        advanced("training.keep_checkpoints", "Checkpoints kept", "", "Step checkpoints kept besides the best one");
        advanced("training.log_interval", "Log every", "steps", "Steps between lines in metrics.jsonl");
        basic("data.max_length", "Window", "tokens", "Tokens per training window (at most the context length)");
        basic("data.val_fraction", "Validation share", "0–1", "The end of the text kept for measuring, never trained on");
        advanced("data.data_dir", "Data (command line)", "", "Used by 'sheepop train'; the workbench trains on the Dataset pane's data");
        advanced("data.stride", "Stride", "tokens", "Step between windows with strided sampling");
        advanced("data.num_workers", "Ingest workers", "", "Files extracted in parallel; 0 = one per core");
        advanced("data.sampling", "Sampling", "", "random windows (nanoGPT) or strided windows shuffled per epoch");
        advanced("data.min_line_length", "Min line length", "characters", "Shorter lines are dropped when files are ingested");
        advanced("data.ocr", "OCR", "", "Read images and scanned PDF pages with Tesseract");
        advanced("device", "Device", "", "cpu, cuda (needs the CUDA build) or auto");
        advanced("seed", "Seed", "", "Random seed: the same seed gives the same run");
    }

    /** The entry of a config path ({@code model.d_model}); a plain one for a key without an entry. */
    public static FieldInfo of(String path) {
        FieldInfo info = ALL.get(path);
        return info != null ? info : new FieldInfo(path, "", "", true);
    }

    /** True when {@code path} has a written entry. */
    static boolean known(String path) {
        return ALL.containsKey(path);
    }
}
