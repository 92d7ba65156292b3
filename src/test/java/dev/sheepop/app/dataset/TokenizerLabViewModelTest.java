package dev.sheepop.app.dataset;

import dev.sheepop.app.fx.Notifier;
import dev.sheepop.app.fx.SyncJobRunner;
import dev.sheepop.config.TokenizerConfig;
import dev.sheepop.data.Corpus;
import dev.sheepop.tokenizer.TokenizerLab;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TokenizerLabViewModelTest {
    private static Corpus corpus() throws Exception {
        String text = Files.readString(Path.of("sample-data/tinyshakespeare.txt")).substring(0, 50_000) + "\nNaïve 🐑 café.\n";
        return new Corpus(List.of(text), "lab-corpus", "test");
    }

    @Test
    void comparesTheCharacterTokenizerWithBpeSizesAndShowsBoundaries() throws Exception {
        var corpus = corpus();
        var vm = new TokenizerLabViewModel(new SyncJobRunner(), Notifier.silent(), () -> corpus, () -> 0.1);
        vm.sizesProperty().set("300, 600");
        vm.compare();
        assertFalse(vm.runningProperty().get());
        var rows = vm.rows();
        assertEquals(List.of("characters", "BPE 300", "BPE 600"), rows.stream().map(TokenizerLab.Row::name).toList());
        assertEquals(1.0, rows.get(0).charactersPerToken(), 1e-3, "one token per character (the ↵ between documents aside)");
        assertTrue(rows.get(2).charactersPerToken() > rows.get(1).charactersPerToken()
                && rows.get(1).charactersPerToken() > 1.3, "more merges, more characters per token");
        assertEquals(rows.get(1), vm.selectedProperty().get(), "the first BPE row is chosen");
        String joined = String.join("", vm.pieces().stream().map(TokenizerLab.Piece::text).toList());
        assertEquals(TokenizerLab.passage(corpus.documents(), 600), joined, "the pieces are the passage, cut at tokens");
        assertTrue(vm.topTokensProperty().get().startsWith("'"), vm.topTokensProperty().get());
        var used = new AtomicReference<TokenizerConfig>();
        vm.setOnUse(used::set);
        vm.selectedProperty().set(rows.get(2));
        vm.useSelected();
        assertEquals(TokenizerConfig.bpe(600), used.get());
    }

    @Test
    void badSizesAreMarkedAndTooLargeOnesAreReportedNotFatal() throws Exception {
        var corpus = corpus();
        var vm = new TokenizerLabViewModel(new SyncJobRunner(), Notifier.silent(), () -> corpus, () -> 0.1);
        vm.sizesProperty().set("512, abc");
        assertEquals("'abc' is not a whole number", vm.sizesErrorProperty().get());
        vm.sizesProperty().set("100");
        assertTrue(vm.sizesErrorProperty().get().contains("outside"), vm.sizesErrorProperty().get());
        vm.sizesProperty().set("300, 60000");
        assertEquals("", vm.sizesErrorProperty().get());
        vm.compare();
        assertEquals(List.of("characters", "BPE 300"), vm.rows().stream().map(TokenizerLab.Row::name).toList());
        assertTrue(vm.statusProperty().get().contains("BPE 60,000: the training text"), vm.statusProperty().get());
    }

    @Test
    void withoutADatasetItSaysSo() {
        var messages = new ArrayList<String>();
        var notifier = Notifier.silent();
        notifier.lastMessageProperty().addListener((o, a, b) -> messages.add(b));
        var vm = new TokenizerLabViewModel(new SyncJobRunner(), notifier, () -> null, () -> 0.1);
        vm.compare();
        assertTrue(vm.rows().isEmpty());
        assertEquals(List.of("No dataset yet: add files or a folder first"), messages);
    }
}
