package dev.sheepop.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrainCommandTest {
    @TempDir
    Path tmp;
    private StringWriter out = new StringWriter();
    private StringWriter err = new StringWriter();

    private int run(String... args) {
        out = new StringWriter();
        err = new StringWriter();
        return Cli.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
    }

    private Path text() throws Exception {
        Path file = tmp.resolve("tiny.txt");
        Files.writeString(file, Files.readString(Path.of("sample-data/tinyshakespeare.txt")).substring(0, 20_000));
        return file;
    }

    @Test
    void printConfigShowsThePresetWithOverrides() {
        assertEquals(0, run("train", "--preset", "tiny", "--max-steps", "7", "--print-config"));
        assertTrue(out.toString().contains("\"d_model\" : 32"), out.toString());
        assertTrue(out.toString().contains("\"max_steps\" : 7"), out.toString());
    }

    @Test
    void trainsListsAndResumes() throws Exception {
        Path run = tmp.resolve("run");
        assertEquals(0, run("train", "--data", text().toString(), "--preset", "tiny", "--max-steps", "4", "--out", run.toString()),
                err.toString());
        assertTrue(out.toString().contains("Done: 4 steps"), out.toString());
        assertTrue(err.toString().contains("Backend: CPU"), err.toString());
        assertTrue(Files.exists(run.resolve("metrics.jsonl")));

        assertEquals(0, run("checkpoints", run.toString()));
        var lines = out.toString().strip().lines().toList();
        assertEquals(2, lines.size(), out.toString());               // step-0000004 and best
        assertTrue(lines.get(0).startsWith(run.resolve("checkpoints").resolve("step-0000004").toString()), lines.get(0));
        assertTrue(lines.get(0).contains("step       4"), lines.get(0));

        assertEquals(0, run("train", "--resume", run.toString(), "--data", text().toString(), "--max-steps", "6"), err.toString());
        assertTrue(out.toString().contains("Done: 6 steps"), out.toString());
        assertTrue(err.toString().contains("resuming, steps 5..6"), err.toString());

        // two checkpoints of the run compared: named, and the one setting that differs
        out.getBuffer().setLength(0);
        Path ckpts = run.resolve("checkpoints");
        assertEquals(0, run("checkpoints", "--compare", ckpts.resolve("step-0000004").toString(),
                ckpts.resolve("step-0000006").toString()), err.toString());
        var compared = out.toString().strip().lines().toList();
        assertTrue(compared.get(0).startsWith("A = " + run.getFileName() + "/step-0000004  (step 4, val "), compared.get(0));
        assertTrue(compared.get(1).startsWith("B = " + run.getFileName() + "/step-0000006  (step 6, val "), compared.get(1));
        assertEquals("training.max_steps:  A 4   B 6", compared.get(compared.size() - 1), out.toString());
        assertEquals(2, run("checkpoints", "--compare", ckpts.toString()), "--compare needs two");
        out.getBuffer().setLength(0);

        // a run that has reached its last step: said so, with the way on, and no training (exit 0)
        assertEquals(0, run("train", "--resume", run.toString(), "--data", text().toString()), err.toString());
        assertTrue(out.toString().startsWith("Nothing to do: this run already finished at step 6 of 6: to train further,"
                + " resume with more steps (sheepop train --resume RUN --max-steps 106)"), out.toString());
        assertTrue(!out.toString().contains("NaN"), out.toString());
    }

    @Test
    void unknownConfigKeyIsAnErrorNamingTheKey() throws Exception {
        Path config = tmp.resolve("config.json");
        Files.writeString(config, "{\"training\": {\"batch_sise\": 4}}");
        assertEquals(Cli.FAILED, run("train", "--data", text().toString(), "--config", config.toString()));
        assertTrue(err.toString().contains("training.batch_sise"), err.toString());
        assertEquals(1, err.toString().strip().lines().count(), err.toString());
    }

    @Test
    void cudaWithoutTheBackendIsRefusedWithTheBuildHint() throws Exception {
        assertEquals(Cli.FAILED, run("train", "--data", text().toString(), "--preset", "tiny", "--device", "cuda",
                "--out", tmp.resolve("cuda").toString()));
        assertTrue(err.toString().contains("CUDA backend not available: build with -Pcuda (needs CUDA 11.6)"), err.toString());
    }

    @Test
    void missingDataIsAnErrorNamingThePath() {
        assertEquals(Cli.FAILED, run("train", "--data", tmp.resolve("nope.txt").toString(), "--preset", "tiny"));
        assertTrue(err.toString().contains("nope.txt"), err.toString());
    }
}
