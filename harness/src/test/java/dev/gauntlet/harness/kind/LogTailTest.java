package dev.gauntlet.harness.kind;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogTailTest {

    @TempDir
    Path dir;

    @Test
    void returnsWholeLinesOnceAndKeepsAHalfWrittenLineForLater() throws Exception {
        Path log = dir.resolve("error.log");
        LogTail tail = new LogTail(log);
        assertThat(tail.poll()).as("no file yet").isEmpty();
        Files.writeString(log, "one\ntw");
        assertThat(tail.poll()).as("the whole line only").containsExactly("one");
        Files.writeString(log, "o\nthree\n", StandardOpenOption.APPEND);
        assertThat(tail.poll()).as("the rest of the half line, then the next").containsExactly("two", "three");
        assertThat(tail.poll()).as("nothing new").isEmpty();
    }

    @Test
    void startsAgainWhenTheFileIsTruncated() throws Exception {
        Path log = dir.resolve("view.log");
        LogTail tail = new LogTail(log);
        Files.writeString(log, "a long first line\n");
        assertThat(tail.poll()).hasSize(1);
        Files.writeString(log, "new\n");
        assertThat(tail.poll()).as("after truncation").containsExactly("new");
    }
}
