package dev.sheepop.export;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes GGUF version 3 (llama.cpp's file format): "GGUF", the version, the tensor and key-value counts, typed
 * key-values, tensor infos (name, dimensions fastest first, type, offset), then the tensor data, each 32-byte
 * aligned. Little-endian throughout. F32 and F16 tensors.
 */
final class GgufWriter {
    static final int ALIGNMENT = 32;
    private static final int UINT32 = 4;
    private static final int INT32 = 5;
    private static final int FLOAT32 = 6;
    private static final int STRING = 8;
    private static final int ARRAY = 9;
    static final int TYPE_F32 = 0;
    static final int TYPE_F16 = 1;

    /** A tensor to write: row-major values, shape as PyTorch states it (slowest first), and its GGML type. */
    record Tensor(float[] data, long[] shape, int type) {
    }

    private final Map<String, Object> metadata = new LinkedHashMap<>();
    private final Map<String, Tensor> tensors = new LinkedHashMap<>();

    void put(String key, Object value) {
        metadata.put(key, value);
    }

    void tensor(String name, Tensor t) {
        tensors.put(name, t);
    }

    /** Unsigned 32-bit metadata (GGUF's counts and ids). */
    record U32(long value) {
    }

    void write(Path file) throws IOException {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            var header = new Bytes();
            header.raw("GGUF".getBytes(StandardCharsets.US_ASCII));
            header.u32(3);
            header.u64(tensors.size());
            header.u64(metadata.size());
            for (var e : metadata.entrySet()) {
                header.string(e.getKey());
                value(header, e.getValue());
            }
            long offset = 0;
            var offsets = new ArrayList<Long>();
            for (var e : tensors.entrySet()) {
                Tensor t = e.getValue();
                header.string(e.getKey());
                header.u32(t.shape().length);
                for (int i = t.shape().length - 1; i >= 0; i--) {     // GGML: the fastest dimension first
                    header.u64(t.shape()[i]);
                }
                header.u32(t.type());
                header.u64(offset);
                offsets.add(offset);
                offset = align(offset + bytes(t));
            }
            byte[] h = header.toArray();
            out.write(h);
            out.write(new byte[(int) (align(h.length) - h.length)]);
            long written = 0;
            for (Tensor t : tensors.values()) {
                var buf = ByteBuffer.allocate((int) bytes(t)).order(ByteOrder.LITTLE_ENDIAN);
                for (float v : t.data()) {
                    if (t.type() == TYPE_F16) {
                        buf.putShort(floatToHalf(v));
                    } else {
                        buf.putFloat(v);
                    }
                }
                out.write(buf.array());
                written += bytes(t);
                long padded = align(written);
                out.write(new byte[(int) (padded - written)]);
                written = padded;
            }
        }
    }

    private static long bytes(Tensor t) {
        return (long) t.data().length * (t.type() == TYPE_F16 ? 2 : 4);
    }

    private static long align(long n) {
        return (n + ALIGNMENT - 1) / ALIGNMENT * ALIGNMENT;
    }

    private static void value(Bytes b, Object v) {
        if (v instanceof String s) {
            b.u32(STRING);
            b.string(s);
        } else if (v instanceof U32 u) {
            b.u32(UINT32);
            b.u32(u.value());
        } else if (v instanceof Integer i) {
            b.u32(INT32);
            b.i32(i);
        } else if (v instanceof Float f) {
            b.u32(FLOAT32);
            b.f32(f);
        } else if (v instanceof List<?> list) {                   // a list of strings (possibly empty)
            b.u32(ARRAY);
            b.u32(STRING);
            b.u64(list.size());
            for (Object o : list) {
                b.string((String) o);
            }
        } else if (v instanceof int[] ints) {
            b.u32(ARRAY);
            b.u32(INT32);
            b.u64(ints.length);
            for (int i : ints) {
                b.i32(i);
            }
        } else {
            throw new IllegalArgumentException("unsupported GGUF value " + v);
        }
    }

    /** IEEE 754 binary16, round to nearest even (Java 17 has no Float.floatToFloat16). */
    static short floatToHalf(float f) {
        int bits = Float.floatToRawIntBits(f);
        int sign = (bits >>> 16) & 0x8000;
        int exp = (bits >>> 23) & 0xFF;
        int mant = bits & 0x7FFFFF;
        if (exp == 0xFF) {
            return (short) (sign | 0x7C00 | (mant != 0 ? 0x200 : 0));
        }
        int e = exp - 127 + 15;
        if (e >= 0x1F) {
            return (short) (sign | 0x7C00);                       // overflow: infinity
        }
        if (e <= 0) {                                              // subnormal or zero
            if (e < -10) {
                return (short) sign;
            }
            int m = (mant | 0x800000) >> (1 - e);
            int round = (m >> 13) + (((m & 0x1FFF) > 0x1000 || ((m & 0x1FFF) == 0x1000 && ((m >> 13) & 1) == 1)) ? 1 : 0);
            return (short) (sign | round);
        }
        int half = sign | e << 10 | mant >> 13;
        int rest = mant & 0x1FFF;
        if (rest > 0x1000 || (rest == 0x1000 && (half & 1) == 1)) {
            half++;                                                // may carry into the exponent: still correct
        }
        return (short) half;
    }

    /** A growable little-endian byte buffer. */
    private static final class Bytes {
        private ByteBuffer buf = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);

        private void room(int n) {
            if (buf.remaining() < n) {
                var bigger = ByteBuffer.allocate(Math.max(buf.capacity() * 2, buf.position() + n)).order(ByteOrder.LITTLE_ENDIAN);
                buf.flip();
                bigger.put(buf);
                buf = bigger;
            }
        }

        void raw(byte[] b) {
            room(b.length);
            buf.put(b);
        }

        void u32(long v) {
            room(4);
            buf.putInt((int) v);
        }

        void i32(int v) {
            room(4);
            buf.putInt(v);
        }

        void u64(long v) {
            room(8);
            buf.putLong(v);
        }

        void f32(float v) {
            room(4);
            buf.putFloat(v);
        }

        void string(String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            u64(b.length);
            raw(b);
        }

        byte[] toArray() {
            byte[] out = new byte[buf.position()];
            buf.flip();
            buf.get(out);
            return out;
        }
    }
}
