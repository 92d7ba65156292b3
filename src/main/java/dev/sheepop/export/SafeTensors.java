package dev.sheepop.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sheepop.common.Json;
import dev.sheepop.common.UserException;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The safetensors format (Hugging Face): an 8-byte little-endian header length, a JSON header naming each tensor's
 * dtype, shape and byte range, then the raw little-endian tensors back to back. Written and read here in F32; F16 and
 * BF16 are read too (converted to float). Every inconsistency of a file read is an error naming the tensor.
 */
public final class SafeTensors {
    /** A tensor: row-major values and shape. */
    public record Tensor(float[] data, long[] shape) {
        public Tensor {
            long n = 1;
            for (long d : shape) {
                n *= d;
            }
            if (n != data.length) {
                throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " holds " + n + " values, not " + data.length);
            }
        }
    }

    private static final long MAX_HEADER = 100L << 20;

    private SafeTensors() {
    }

    /** Writes {@code tensors} (in this order) with string {@code metadata} to {@code file}. */
    public static void write(Path file, Map<String, Tensor> tensors, Map<String, String> metadata) throws IOException {
        ObjectNode header = Json.mapper().createObjectNode();
        if (!metadata.isEmpty()) {
            var meta = header.putObject("__metadata__");
            metadata.forEach(meta::put);
        }
        long offset = 0;
        for (var e : tensors.entrySet()) {
            long bytes = 4L * e.getValue().data().length;
            var t = header.putObject(e.getKey());
            t.put("dtype", "F32");
            var shape = t.putArray("shape");
            for (long d : e.getValue().shape()) {
                shape.add(d);
            }
            var offsets = t.putArray("data_offsets");
            offsets.add(offset);
            offsets.add(offset + bytes);
            offset += bytes;
        }
        byte[] json = Json.mapper().writeValueAsString(header).getBytes(StandardCharsets.UTF_8);
        int padded = (json.length + 7) / 8 * 8;          // the data starts 8-byte aligned: pad the header with spaces
        byte[] headerBytes = Arrays.copyOf(json, padded);
        Arrays.fill(headerBytes, json.length, padded, (byte) ' ');
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(padded).array());
            out.write(headerBytes);
            var buffer = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
            for (Tensor t : tensors.values()) {
                for (float v : t.data()) {
                    if (!buffer.hasRemaining()) {
                        out.write(buffer.array(), 0, buffer.position());
                        buffer.clear();
                    }
                    buffer.putFloat(v);
                }
            }
            out.write(buffer.array(), 0, buffer.position());
        }
    }

    /** The tensors of a safetensors file, in the header's order. */
    public static Map<String, Tensor> read(Path file) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size < 8) {
                throw new UserException(file + " is not a safetensors file: " + size + " bytes");
            }
            var lengthBuf = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            ch.read(lengthBuf, 0);
            long headerLength = lengthBuf.flip().getLong();
            if (headerLength <= 0 || headerLength > MAX_HEADER || 8 + headerLength > size) {
                throw new UserException(file + " is not a safetensors file (header length " + headerLength + ", file " + size + " bytes)");
            }
            var headerBuf = ByteBuffer.allocate((int) headerLength);
            ch.read(headerBuf, 8);
            JsonNode header = Json.mapper().readTree(new String(headerBuf.array(), StandardCharsets.UTF_8));
            long dataStart = 8 + headerLength;
            var out = new LinkedHashMap<String, Tensor>();
            for (Iterator<Map.Entry<String, JsonNode>> it = header.fields(); it.hasNext(); ) {
                var e = it.next();
                if (e.getKey().equals("__metadata__")) {
                    continue;
                }
                out.put(e.getKey(), tensor(ch, file, e.getKey(), e.getValue(), dataStart, size));
            }
            return out;
        } catch (IOException e) {
            throw new UserException("Cannot read " + file + ": " + e.getMessage());
        }
    }

    private static Tensor tensor(FileChannel ch, Path file, String name, JsonNode t, long dataStart, long size) throws IOException {
        String dtype = t.path("dtype").asText("");
        int width = switch (dtype) {
            case "F32" -> 4;
            case "F16", "BF16" -> 2;
            default -> throw new UserException(file + ": tensor " + name + " has dtype '" + dtype + "' (F32, F16 or BF16 expected)");
        };
        var shapeNode = t.path("shape");
        var offsets = t.path("data_offsets");
        if (!shapeNode.isArray() || !offsets.isArray() || offsets.size() != 2) {
            throw new UserException(file + ": tensor " + name + " lacks a shape or data_offsets");
        }
        long[] shape = new long[shapeNode.size()];
        long n = 1;
        for (int i = 0; i < shape.length; i++) {
            shape[i] = shapeNode.get(i).asLong(-1);
            if (shape[i] < 0) {
                throw new UserException(file + ": tensor " + name + " has a negative dimension");
            }
            n *= shape[i];
        }
        long begin = offsets.get(0).asLong(-1);
        long end = offsets.get(1).asLong(-1);
        if (begin < 0 || end < begin || end - begin != n * width) {
            throw new UserException(file + ": tensor " + name + " of shape " + Arrays.toString(shape) + " " + dtype
                    + " needs " + n * width + " bytes, its offsets give " + (end - begin));
        }
        if (dataStart + end > size) {
            throw new UserException(file + " is truncated: tensor " + name + " ends at byte " + (dataStart + end)
                    + " of a " + size + "-byte file");
        }
        if (n > Integer.MAX_VALUE) {
            throw new UserException(file + ": tensor " + name + " is too large");
        }
        var buf = ByteBuffer.allocate((int) (end - begin)).order(ByteOrder.LITTLE_ENDIAN);
        ch.read(buf, dataStart + begin);
        buf.flip();
        float[] data = new float[(int) n];
        for (int i = 0; i < data.length; i++) {
            data[i] = switch (dtype) {
                case "F32" -> buf.getFloat();
                case "F16" -> halfToFloat(buf.getShort());
                default -> Float.intBitsToFloat((buf.getShort() & 0xFFFF) << 16);
            };
        }
        return new Tensor(data, shape);
    }

    /** IEEE 754 half precision to float (Java 17 has no Float.float16ToFloat). */
    static float halfToFloat(short half) {
        int h = half & 0xFFFF;
        int sign = (h & 0x8000) << 16;
        int exp = (h >>> 10) & 0x1F;
        int mant = h & 0x3FF;
        if (exp == 0) {
            return (sign != 0 ? -1 : 1) * mant * 0x1p-24f;              // zero or subnormal
        }
        if (exp == 31) {
            return Float.intBitsToFloat(sign | 0x7F800000 | mant << 13); // infinity or NaN
        }
        return Float.intBitsToFloat(sign | (exp + 112) << 23 | mant << 13);
    }
}
