package dev.sheepop.app.playground;

import dev.sheepop.app.fx.Notifier;
import dev.sheepop.app.fx.SyncJobRunner;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PlaygroundViewModelTest {
    private final Notifier notifier = Notifier.silent();
    private final PlaygroundViewModel vm = new PlaygroundViewModel(new SyncJobRunner(), notifier, Runnable::run);

    @Test
    void generatesStreamedTextWithTokensPerSecondAndRemembersThePrompt() {
        vm.addModel(TinyModels.random("random-a", 1));
        vm.maxLengthProperty().set(40);
        vm.promptProperty().set("ROMEO:");
        vm.generate();
        assertFalse(vm.runningProperty().get());
        assertEquals(40, vm.leftOutputProperty().get().codePointCount(0, vm.leftOutputProperty().get().length()));
        assertTrue(vm.leftStatsProperty().get().matches("40 tokens · \\d+ tokens/s · max tokens · prompt 6 tokens"),
                vm.leftStatsProperty().get());
        assertEquals("ROMEO:", vm.history().get(0));
    }

    @Test
    void sameSeedSameTextAndSideBySideComparesTwoModels() {
        vm.addModel(TinyModels.random("random-b", 2));
        vm.addModel(TinyModels.random("random-a", 1));
        vm.maxLengthProperty().set(30);
        vm.generate();
        String first = vm.leftOutputProperty().get();
        vm.generate();
        assertEquals(first, vm.leftOutputProperty().get());

        vm.sideBySideProperty().set(true);
        vm.rightProperty().set(vm.models().get(1));
        vm.useCacheProperty().set(true);
        vm.generate();
        assertEquals(first, vm.leftOutputProperty().get());
        String right = vm.rightOutputProperty().get();
        assertEquals(30, right.length());
        // the right column is exactly what model b produces alone with the same prompt and seed
        vm.sideBySideProperty().set(false);
        vm.leftProperty().set(vm.models().get(1));
        vm.generate();
        assertEquals("random-b", vm.leftProperty().get().name());
        assertEquals(right, vm.leftOutputProperty().get());
        assertEquals("", vm.rightOutputProperty().get());
        assertEquals(1, vm.history().size());
    }

    @Test
    void aRepeatedPromptComesFromThePromptCacheWithTheSameText() {
        vm.addModel(TinyModels.random("random-a", 1));
        vm.maxLengthProperty().set(25);
        vm.promptProperty().set("ROMEO: what");
        vm.generate();
        String first = vm.leftOutputProperty().get();
        assertFalse(vm.leftStatsProperty().get().contains("prompt cache"), vm.leftStatsProperty().get());
        vm.generate();
        assertEquals(first, vm.leftOutputProperty().get(), "a hit gives the same text as a miss");
        assertTrue(vm.leftStatsProperty().get().endsWith("prompt 11 tokens, 11 from the prompt cache"), vm.leftStatsProperty().get());
        vm.promptProperty().set("ROMEO: what light");
        vm.generate();
        assertTrue(vm.leftStatsProperty().get().endsWith("prompt 17 tokens, 11 from the prompt cache"), vm.leftStatsProperty().get());
        assertTrue(vm.cacheStatsProperty().get().contains("2 hits of 3, 22 prompt tokens not prefilled"), vm.cacheStatsProperty().get());
    }

    @Test
    void theStandardPathWorksAndWritesWhatTheCachedPathWrites() {
        vm.addModel(TinyModels.random("random-a", 1));
        vm.maxLengthProperty().set(20);
        vm.generate();
        String cached = vm.leftOutputProperty().get();
        vm.useCacheProperty().set(false);
        vm.generate();
        assertEquals("", notifier.lastMessageProperty().get());
        assertEquals(cached, vm.leftOutputProperty().get());
    }

    @Test
    void anInvalidSettingIsReportedInOneLine() {
        vm.addModel(TinyModels.random("random-a", 1));
        vm.topPProperty().set(0);
        vm.generate();
        assertTrue(notifier.lastMessageProperty().get().contains("top-p"), notifier.lastMessageProperty().get());
        assertEquals("", vm.leftOutputProperty().get());
    }

    @Test
    void withoutAModelItSaysSo() {
        vm.generate();
        assertTrue(notifier.lastMessageProperty().get().startsWith("No model loaded"));
    }
}
