package dev.sheepop.common;

import java.util.Arrays;
import java.util.Collection;

/**
 * The median every benchmark reports: the middle value, or the mean of the two middle values for an even count;
 * NaN for no values (a benchmark that measured nothing says so instead of printing zero).
 */
public final class Medians {
    private Medians() {
    }

    public static double of(double[] values) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] s = values.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }

    public static double of(Collection<? extends Number> values) {
        return of(values.stream().mapToDouble(Number::doubleValue).toArray());
    }
}
