package dev.sheepop.app.playground;

import dev.sheepop.app.fx.Notifier;
import dev.sheepop.app.fx.SyncJobRunner;
import dev.sheepop.app.insight.RetrievalSource;
import dev.sheepop.data.Corpus;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PlaygroundViewModelTest {
    private final Notifier notifier = Notifier.silent();
    private final PlaygroundViewModel vm = new PlaygroundViewModel(new SyncJobRunner(), notifier, Runnable::run);
    private final PlaygroundSettings form = vm.settingsForm();

    private String leftText() {
        return vm.left().content().text();
    }

    @Test
    void generatesStreamedTextWithTokensPerSecondAndRemembersThePromptWithItsSettings() {
        vm.addModel(TinyModels.random("random-a", 1));
        form.maxNewTokens().textProperty().set("40");
        vm.promptProperty().set("ROMEO:");
        vm.generate();
        assertFalse(vm.runningProperty().get());
        assertEquals(40, leftText().codePointCount(0, leftText().length()));
        assertEquals("ROMEO:", vm.left().content().prompt());
        assertTrue(vm.left().statsProperty().get().matches("40 tokens · \\d+ tokens/s · max tokens · prompt 6 tokens"),
                vm.left().statsProperty().get());
        var entry = vm.history().get(0);
        assertEquals("ROMEO:", entry.prompt());
        assertEquals(40, entry.settings().maxNewTokens());
        assertEquals("random-a", entry.models());
    }

    @Test
    void everyTokenOfTheTextCarriesTheOddsItWasDrawnWith() {
        vm.addModel(TinyModels.random("random-a", 1));
        form.maxNewTokens().textProperty().set("30");
        vm.generate();
        var content = vm.left().content();
        assertTrue(content.done());
        assertEquals(30, content.pieces().size(), "one token per character with a character vocabulary");
        assertEquals(content.text(), content.pieces().stream().map(p -> content.text().substring(p.start(), p.end()))
                .collect(Collectors.joining()));
        for (var p : content.pieces()) {
            var t = p.token();
            assertEquals(content.text().substring(p.start(), p.end()), t.text());
            assertTrue(t.probability() > 0 && t.probability() <= 1, "drawn tokens have a probability: " + t);
            assertTrue(t.alternatives().stream().anyMatch(a -> a.id() == t.id() && a.probability() == t.probability())
                    || t.alternatives().size() == 5 && t.alternatives().get(4).probability() >= t.probability());
        }
        // the hover text states the token's own odds
        var first = content.pieces().get(0).token();
        String shown = AnnotatedText.describe(first);
        assertTrue(shown.contains("drawn with " + AnnotatedText.percent(first.probability())), shown);
        assertTrue(shown.contains("model: " + AnnotatedText.percent(first.rawProbability())), shown);
    }

    @Test
    void sameSeedSameTextAndSideBySideComparesTwoModels() {
        vm.addModel(TinyModels.random("random-b", 2));
        vm.addModel(TinyModels.random("random-a", 1));
        form.maxNewTokens().textProperty().set("30");
        vm.generate();
        String first = leftText();
        vm.generate();
        assertEquals(first, leftText());

        assertEquals("random-b", vm.leftProperty().get().name(), "the first model opened is on the left");
        vm.sideBySideProperty().set(true);
        vm.rightProperty().set(vm.models().get(0));
        vm.generate();
        assertEquals(first, leftText());
        String right = vm.right().content().text();
        assertEquals(30, right.length());
        assertFalse(right.equals(first), "two models, two texts");
        assertEquals("random-b | random-a", vm.history().get(0).models());
        // the right column is exactly what model a produces alone with the same prompt and seed
        vm.sideBySideProperty().set(false);
        vm.leftProperty().set(vm.models().get(0));
        vm.generate();
        assertEquals("random-a", vm.leftProperty().get().name());
        assertEquals(right, leftText());
        assertEquals("", vm.right().content().text());
    }

    @Test
    void aRepeatedPromptComesFromThePromptCacheWithTheSameText() {
        vm.addModel(TinyModels.random("random-a", 1));
        form.maxNewTokens().textProperty().set("25");
        vm.promptProperty().set("ROMEO: what");
        vm.generate();
        String first = leftText();
        assertFalse(vm.left().statsProperty().get().contains("prompt cache"), vm.left().statsProperty().get());
        vm.generate();
        assertEquals(first, leftText(), "a hit gives the same text as a miss");
        assertTrue(vm.left().statsProperty().get().endsWith("prompt 11 tokens, 11 from the prompt cache"),
                vm.left().statsProperty().get());
        vm.promptProperty().set("ROMEO: what light");
        vm.generate();
        assertTrue(vm.left().statsProperty().get().endsWith("prompt 17 tokens, 11 from the prompt cache"),
                vm.left().statsProperty().get());
        assertTrue(vm.cacheStatsProperty().get().contains("2 hits of 3, 22 prompt tokens not prefilled"),
                vm.cacheStatsProperty().get());
    }

    @Test
    void theStandardPathWorksAndWritesWhatTheCachedPathWrites() {
        vm.addModel(TinyModels.random("random-a", 1));
        form.maxNewTokens().textProperty().set("20");
        vm.generate();
        String cached = leftText();
        form.useCacheProperty().set(false);
        vm.generate();
        assertEquals("", notifier.lastMessageProperty().get());
        assertEquals(cached, leftText());
    }

    @Test
    void fieldsExplainWhatTheyDoNotAcceptAndGenerateRefusesUntilFixed() {
        vm.addModel(TinyModels.random("random-a", 1));
        form.temperature().textProperty().set("abc");
        assertEquals("not a number: abc", form.temperature().errorProperty().get());
        assertFalse(form.validProperty().get());
        assertFalse(vm.canGenerate());
        form.temperature().textProperty().set("500");
        assertEquals("must be in [0, 100] (0 = greedy), got 500.0", form.temperature().errorProperty().get());
        form.temperature().textProperty().set("-1");
        assertTrue(form.temperature().errorProperty().get().startsWith("must be in [0, 100]"));
        form.topP().textProperty().set("0");
        assertEquals("must be in (0, 1] (1 = off), got 0.0", form.topP().errorProperty().get());
        form.maxNewTokens().textProperty().set("");
        assertEquals("enter a value", form.maxNewTokens().errorProperty().get());
        vm.generate();
        assertTrue(notifier.lastMessageProperty().get().startsWith("Max new tokens: enter a value"),
                notifier.lastMessageProperty().get());
        assertEquals("", leftText());
        form.temperature().textProperty().set(" 0.5 ");
        form.topP().textProperty().set("1");
        form.maxNewTokens().textProperty().set("12");
        assertTrue(form.validProperty().get());
        assertTrue(vm.canGenerate());
        vm.generate();
        assertEquals(0.5, vm.history().get(0).settings().temperature());
        assertEquals(12, leftText().length());
    }

    @Test
    void stopStringsEndTheTextBeforeThemAndReadEscapes() {
        vm.addModel(TinyModels.random("random-a", 1));
        form.maxNewTokens().textProperty().set("60");
        form.temperature().textProperty().set("0");
        vm.generate();
        String full = leftText();
        String stop = full.substring(20, 23);
        int cut = full.indexOf(stop);
        form.stops().textProperty().set("zzzz|" + stop.replace("\\", "\\\\").replace("|", "\\|").replace("\n", "\\n"));
        assertTrue(form.stops().valid(), form.stops().errorProperty().get());
        vm.generate();
        assertEquals(full.substring(0, cut), leftText());
        assertTrue(vm.left().statsProperty().get().contains(" · stop string · "), vm.left().statsProperty().get());
        assertEquals(cut, vm.left().content().pieces().stream().mapToInt(p -> p.end() - p.start()).sum(),
                "tokens past the stop string are cut with it");
        assertEquals(List.of("a|b", "\n\n", "c\\"), PlaygroundSettings.StopStrings.parse("a\\|b|\\n\\n|c\\\\"));
        assertEquals("a\\|b|\\n\\n|c\\\\", PlaygroundSettings.StopStrings.format(List.of("a|b", "\n\n", "c\\")));
    }

    @Test
    void theHistoryRunsAPromptAgainWithItsSettings() {
        vm.addModel(TinyModels.random("random-a", 1));
        form.maxNewTokens().textProperty().set("15");
        form.seed().textProperty().set("7");
        vm.promptProperty().set("JULIET:");
        vm.generate();
        String first = leftText();
        var entry = vm.history().get(0);
        form.seed().textProperty().set("8");
        form.maxNewTokens().textProperty().set("40");
        vm.promptProperty().set("something else");
        vm.generate();
        assertEquals(2, vm.history().size());
        vm.rerun(entry);
        assertEquals("JULIET:", vm.promptProperty().get());
        assertEquals("7", form.seed().textProperty().get());
        assertEquals("15", form.maxNewTokens().textProperty().get());
        assertEquals(first, leftText());
        assertEquals(2, vm.history().size(), "the same prompt and settings are one entry");
        assertEquals(entry, vm.history().get(0));
    }

    @Test
    void textCopiedFromTheCorpusIsFoundWithItsFile() {
        vm.addModel(TinyModels.random("random-a", 1));
        form.maxNewTokens().textProperty().set("60");
        form.temperature().textProperty().set("0");
        vm.generate();
        String generated = leftText();
        assertEquals("Copies from your corpus are marked once a dataset is open (Dataset pane).",
                vm.left().copyingSummaryProperty().get());
        var source = new RetrievalSource();
        source.setCorpus(new Corpus(List.of("nothing to see here", "before " + generated + " after"), "h", "test", null,
                List.of("a.txt", "notes.txt")));
        vm.setRetrieval(source);
        vm.generate();
        var copying = vm.left().content().copying();
        assertEquals(60, copying.longestLength());
        assertEquals(1, copying.spans().size());
        assertEquals("notes.txt", copying.spans().get(0).file());
        assertEquals(7, copying.spans().get(0).fileOffset());
        assertEquals("Copied from your corpus: 1 span of 40+ characters, the longest 60 (notes.txt).",
                vm.left().copyingSummaryProperty().get());
        // a corpus without the text: nothing marked
        source.setCorpus(new Corpus(List.of("qqqq"), "h2", "test", null, List.of("q.txt")));
        vm.generate();
        assertTrue(vm.left().content().copying().spans().isEmpty());
        vm.markCopiesProperty().set(false);
        vm.generate();
        assertNull(vm.left().content().copying());
        vm.copyMinLength().textProperty().set("3");
        assertEquals("must be in [8, 100000] characters", vm.copyMinLength().errorProperty().get());
    }

    @Test
    void withoutAModelItSaysSo() {
        vm.generate();
        assertTrue(notifier.lastMessageProperty().get().startsWith("No model loaded"));
    }
}
