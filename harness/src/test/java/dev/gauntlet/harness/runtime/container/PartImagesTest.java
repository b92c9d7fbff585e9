package dev.gauntlet.harness.runtime.container;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An image tag follows the contents of what goes into the image, so a stale image is never reused. */
class PartImagesTest {

    @TempDir
    Path dir;

    @Test
    void theTagChangesWithAnyInputsContentOrNameAndOnlyThen() throws Exception {
        Path dockerfile = Files.writeString(dir.resolve("Dockerfile"), "FROM eclipse-temurin:17-jre\n");
        Path jar = Files.writeString(dir.resolve("gateway.jar"), "v1");
        Path lib = Files.writeString(dir.resolve("undertow.jar"), "lib");
        String first = PartImages.hash(List.of(dockerfile, jar, lib));

        assertThat(PartImages.hash(List.of(dockerfile, jar, lib))).as("same inputs, same tag").isEqualTo(first).hasSize(12);
        Files.writeString(jar, "v2");
        assertThat(PartImages.hash(List.of(dockerfile, jar, lib))).as("a rebuilt jar").isNotEqualTo(first);
        Files.writeString(jar, "v1");
        Path renamed = Files.move(lib, dir.resolve("undertow-2.jar"));
        assertThat(PartImages.hash(List.of(dockerfile, jar, renamed))).as("a dependency's new version").isNotEqualTo(first);
    }
}
