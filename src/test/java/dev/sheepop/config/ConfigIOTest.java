package dev.sheepop.config;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConfigIOTest {
    @Test
    void partialFileOverridesOnlyItsKeys() {
        var config = ConfigIO.parse("{\"model\": {\"d_model\": 64, \"num_heads\": 2}, \"seed\": 7}", RunConfig.defaults());
        assertEquals(64, config.model().dModel());
        assertEquals(2, config.model().numHeads());
        assertEquals(GptConfig.defaults().numLayers(), config.model().numLayers());
        assertEquals(7, config.seed());
    }

    @Test
    void roundTripsThroughJson() {
        for (var preset : Presets.all().values()) {
            assertEquals(preset, ConfigIO.parse(ConfigIO.toJson(preset), RunConfig.defaults()));
        }
    }

    @Test
    void unknownKeyIsNamed() {
        var e = assertThrows(ConfigException.class,
                () -> ConfigIO.parse("{\"training\": {\"lr\": 0.1}}", RunConfig.defaults()));
        assertEquals("training.lr", e.field());
        assertTrue(e.getMessage().contains("learning_rate"), e.getMessage());
    }

    @Test
    void badValueNamesFieldAndRange() {
        var e = assertThrows(ConfigException.class,
                () -> ConfigIO.parse("{\"model\": {\"dropout\": 1.5}}", RunConfig.defaults()));
        assertEquals("model.dropout", e.field());
        assertTrue(e.getMessage().contains("[0, 1)"), e.getMessage());
    }

    @Test
    void headsMustDivideWidth() {
        var e = assertThrows(ConfigException.class,
                () -> ConfigIO.parse("{\"model\": {\"d_model\": 130}}", RunConfig.defaults()));
        assertEquals("model.num_heads", e.field());
        assertTrue(e.getMessage().contains("divisible"), e.getMessage());
    }

    @Test
    void wrongTypeAndBadEnumAreNamed() {
        var e = assertThrows(ConfigException.class,
                () -> ConfigIO.parse("{\"training\": {\"batch_size\": \"many\"}}", RunConfig.defaults()));
        assertEquals("training.batch_size", e.field());
        var e2 = assertThrows(ConfigException.class,
                () -> ConfigIO.parse("{\"model\": {\"activation\": \"swish\"}}", RunConfig.defaults()));
        assertEquals("model.activation", e2.field());
        assertTrue(e2.getMessage().contains("gelu"), e2.getMessage());
    }

    @Test
    void windowLongerThanContextIsRejected() {
        var e = assertThrows(ConfigException.class,
                () -> ConfigIO.parse("{\"data\": {\"max_length\": 500}}", RunConfig.defaults()));
        assertEquals("data.max_length", e.field());
    }

    @Test
    void invalidJsonIsReported() {
        var e = assertThrows(ConfigException.class, () -> ConfigIO.parse("{\"model\": ", RunConfig.defaults()));
        assertTrue(e.getMessage().contains("not valid JSON"), e.getMessage());
    }

    @Test
    void referencePresetHasTheReferenceSize() {
        var model = Presets.shakespeareCharCpu().model().withVocabSize(65);
        // 4 layers × (12·C² + 4C) + V·C + 2C, plus the 64×128 position table
        assertEquals(4 * (12L * 128 * 128 + 4 * 128) + 65 * 128 + 2 * 128 + 64 * 128, model.parameterCount());
    }
}
