package dev.sheepop.common;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MediansTest {
    @Test
    void oddCountTakesTheMiddleValue() {
        assertEquals(3, Medians.of(new double[]{5, 1, 3}));
    }

    @Test
    void evenCountAveragesTheTwoMiddleValues() {
        assertEquals(2.5, Medians.of(new double[]{4, 1, 3, 2}));
        assertEquals(1.5, Medians.of(List.of(3.0, 1.0, 2.0, 1.0)));
    }

    @Test
    void doesNotReorderTheCallersArray() {
        double[] v = {9, 1, 5};
        Medians.of(v);
        assertEquals(9, v[0]);
    }

    @Test
    void nothingMeasuredIsNotANumber() {
        assertTrue(Double.isNaN(Medians.of(new double[0])));
        assertTrue(Double.isNaN(Medians.of(List.<Double>of())));
    }
}
