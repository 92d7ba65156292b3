package dev.sheepop.app.fx;

import java.util.function.DoubleConsumer;
import java.util.function.Consumer;

/**
 * One piece of long work: runs off the FX thread, reports progress (0..1, or negative for "unknown")
 * and may be cancelled through {@link Handle#cancelled()}.
 */
@FunctionalInterface
public interface Job<T> {
    T run(Handle handle) throws Exception;

    /** What a running job sees: where to report progress and whether the user cancelled it. */
    interface Handle {
        void progress(double fraction);

        boolean cancelled();
    }

    /** A handle that forwards progress to a consumer and reads cancellation from a flag holder. */
    static Handle handle(DoubleConsumer progress, java.util.function.BooleanSupplier cancelled) {
        return new Handle() {
            @Override
            public void progress(double fraction) {
                progress.accept(fraction);
            }

            @Override
            public boolean cancelled() {
                return cancelled.getAsBoolean();
            }
        };
    }

    /** Callbacks on the FX thread (or the caller's thread for the synchronous runner). */
    record Callbacks<T>(Consumer<T> onSuccess, Consumer<Throwable> onError) {
        public Callbacks {
            onSuccess = onSuccess == null ? t -> { } : onSuccess;
            onError = onError == null ? e -> { } : onError;
        }
    }
}
