package dev.sheepop.app.config;

import dev.sheepop.config.ConfigIO;
import dev.sheepop.config.Presets;
import dev.sheepop.config.RunConfig;
import dev.sheepop.common.UserException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConfigViewModelTest {
    private final ConfigViewModel vm = new ConfigViewModel();

    @Test
    void startsValidWithTheDefaultsAndOneFieldPerKey() {
        assertTrue(vm.validProperty().get());
        assertEquals(RunConfig.defaults(), vm.config());
        assertEquals("128", vm.field("model.d_model").text());
        assertEquals("gelu_tanh", vm.field("model.activation").text(), "the default preset's GPT-2 GELU");
        assertEquals(ConfigField.Kind.CHOICE, vm.field("device").kind());
        assertEquals(ConfigField.Kind.DOUBLE, vm.field("training.learning_rate").kind());
    }

    @Test
    void aNonNumberMarksItsFieldAndDisablesStart() {
        vm.field("training.batch_size").textProperty().set("twelve");
        assertFalse(vm.validProperty().get());
        assertNull(vm.config());
        assertEquals("'twelve' is not a whole number", vm.field("training.batch_size").error());
        assertEquals("", vm.field("model.d_model").error());
        vm.field("training.batch_size").textProperty().set("16");
        assertTrue(vm.validProperty().get());
        assertEquals(16, vm.config().training().batchSize());
        assertEquals("", vm.field("training.batch_size").error());
    }

    @Test
    void aRecordRuleMarksTheFieldItNames() {
        vm.field("model.num_heads").textProperty().set("3");
        assertFalse(vm.validProperty().get());
        assertTrue(vm.field("model.num_heads").error().contains("divisible by num_heads"), vm.field("model.num_heads").error());
        vm.field("model.num_heads").textProperty().set("4");
        vm.field("data.max_length").textProperty().set("100");
        assertTrue(vm.field("data.max_length").error().contains("max_seq_len=64"), vm.field("data.max_length").error());
    }

    @Test
    void aPresetFillsTheFormAndTheEstimatesFollow() {
        vm.presetProperty().set("tiny");
        assertEquals(Presets.tiny(), vm.config());
        long tinyParams = vm.estimatesProperty().get().parameters();
        vm.presetProperty().set("shakespeare-char-cpu");
        assertEquals(Presets.shakespeareCharCpu(), vm.config());
        var est = vm.estimatesProperty().get();
        assertTrue(est.parameters() > 10 * tinyParams);
        // 4 layers, 128 wide, vocab 69, T=64: ≈ 0.8M parameters and 6N + 12·L·C·T ≈ 5.2 MFLOP per token
        assertEquals(Presets.shakespeareCharCpu().model().withVocabSize(69).parameterCount(), est.parameters());
        assertEquals(5.2e6, est.flopsPerToken(), 0.2e6);
        // the pane shows the core's estimates of the config in the form (the formulas: ConfigEstimatesTest)
        assertEquals(ConfigEstimates.of(Presets.shakespeareCharCpu(), est.vocabSize(),
                est.measuredSpeed() ? dev.sheepop.train.StepTime.ifMeasured() : null), est);
    }

    @Test
    void savesAndLoadsConfigJson(@TempDir Path dir) throws Exception {
        vm.field("model.d_model").textProperty().set("64");
        vm.field("seed").textProperty().set("7");
        Path file = dir.resolve("config.json");
        vm.save(file);
        assertEquals(64, ConfigIO.read(file, RunConfig.defaults()).model().dModel());

        var other = new ConfigViewModel();
        other.load(file);
        assertEquals("64", other.field("model.d_model").text());
        assertEquals(vm.config(), other.config());

        Files.writeString(file, "{\"model\": {\"d_modle\": 3}}");
        var e = assertThrows(UserException.class, () -> other.load(file));
        assertTrue(e.getMessage().contains("d_modle"), e.getMessage());
    }

    @Test
    void refusesToSaveAnInvalidConfig(@TempDir Path dir) {
        vm.field("training.learning_rate").textProperty().set("-1");
        assertTrue(vm.field("training.learning_rate").error().contains("(0, 1]"));
        assertThrows(UserException.class, () -> vm.save(dir.resolve("c.json")));
    }

    @Test
    void everySettingHasALabelAHelpAndAGroup() {
        for (ConfigField f : vm.fields()) {
            assertTrue(FieldInfo.known(f.path()), "no label and help for " + f.path());
            FieldInfo info = ConfigViewModel.info(f);
            assertFalse(info.label().isBlank() || info.help().isBlank(), f.path());
        }
        assertFalse(FieldInfo.of("training.max_steps").advanced());
        assertTrue(FieldInfo.of("training.beta2").advanced());
    }

    @Test
    void anEditMarksThePresetModifiedAndChoosingItAgainClearsIt() {
        assertFalse(vm.modifiedProperty().get());
        vm.field("training.max_steps").textProperty().set("123");
        assertTrue(vm.modifiedProperty().get());
        vm.presetProperty().set("tiny");
        assertFalse(vm.modifiedProperty().get());
        vm.useTokenizer(dev.sheepop.config.TokenizerConfig.bpe(4096));
        assertTrue(vm.modifiedProperty().get());
        assertEquals(dev.sheepop.config.TokenizerConfig.bpe(4096), vm.config().tokenizer());
        vm.field("tokenizer.file").textProperty().set("my/tokenizer.json");
        assertEquals("my/tokenizer.json", vm.config().tokenizer().file());
        vm.field("tokenizer.file").textProperty().set("");
        assertEquals(null, vm.config().tokenizer().file(), "an empty file field means: learn the tokenizer");
    }
}
