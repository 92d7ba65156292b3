package dev.sheepop.checkpoint;

import dev.sheepop.common.UserException;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Named tensors in one file: the magic {@code SHEEPTNS}, a format version, a count, then per tensor its name
 * (modified UTF-8) and the array in ND4J's own binary layout ({@link Nd4j#write(INDArray, DataOutputStream)}).
 * Plain data only: reading it never runs code.
 */
public final class TensorFile {
    private static final long MAGIC = 0x534845455054_4E53L; // "SHEEPTNS"
    public static final int VERSION = 1;

    private TensorFile() {
    }

    public static void write(Path file, Map<String, INDArray> tensors) throws IOException {
        try (var out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16))) {
            out.writeLong(MAGIC);
            out.writeInt(VERSION);
            out.writeInt(tensors.size());
            for (var entry : tensors.entrySet()) {
                out.writeUTF(entry.getKey());
                Nd4j.write(entry.getValue(), out);
            }
        }
    }

    public static Map<String, INDArray> read(Path file) {
        try (var in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
            if (in.readLong() != MAGIC) {
                throw new UserException("Not a SheepOp tensor file: " + file);
            }
            int version = in.readInt();
            if (version > VERSION) {
                throw new UserException("Tensor file " + file + " has format version " + version
                        + ", this SheepOp reads up to " + VERSION + ": update SheepOp");
            }
            int count = in.readInt();
            if (count < 0 || count > 1_000_000) {
                throw new UserException("Tensor file " + file + " is damaged (count " + count + ")");
            }
            var tensors = new LinkedHashMap<String, INDArray>();
            for (int i = 0; i < count; i++) {
                String name = in.readUTF();
                tensors.put(name, Nd4j.read(in));
            }
            return tensors;
        } catch (EOFException e) {
            throw new UserException("Tensor file " + file + " is truncated");
        } catch (java.nio.file.NoSuchFileException e) {
            throw new UserException("Checkpoint file missing: " + file);
        } catch (IOException | RuntimeException e) {
            if (e instanceof UserException u) {
                throw u;
            }
            throw new UserException("Tensor file " + file + " is damaged: " + e.getMessage());
        }
    }
}
