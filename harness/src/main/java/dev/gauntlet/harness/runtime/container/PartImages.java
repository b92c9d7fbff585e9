package dev.gauntlet.harness.runtime.container;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Image;
import dev.gauntlet.harness.runtime.PartStartException;
import dev.gauntlet.harness.runtime.ProjectHome;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.testcontainers.images.builder.ImageFromDockerfile;

/**
 * Our part images, built from the project's own Dockerfiles through Testcontainers when missing or stale.
 * An image is tagged {@code gauntlet/<part>:<hash>} with a hash of the Dockerfile and the jar, so a rebuilt
 * jar gives a new tag and an unchanged one reuses the image; building a new tag removes the part's older
 * ones (unless a container still uses them). Images carry {@code dev.gauntlet.part} and
 * {@code dev.gauntlet.built-by} (the run that built them).
 *
 * <pre>{@code
 * String image = PartImages.ensure(PartImages.gateway(), runId);   // "gauntlet/gateway:3f9c0a1b2c4d"
 * }</pre>
 */
final class PartImages {

    /**
     * A part image: its name, its Dockerfile's directory, and the jar the Dockerfile copies (relative to it),
     * whose manifest names its dependencies in {@code lib/} beside it.
     */
    record Part(String name, Path dir, String jar) {
        Path dockerfile() {
            return dir.resolve("Dockerfile");
        }

        String lib() {
            return Path.of(jar).resolveSibling("lib").toString();
        }
    }

    static final String BUILT_BY_LABEL = "dev.gauntlet.built-by";

    static Part gateway() {
        return new Part("gateway", ProjectHome.root().resolve("gateway-under-test"), "target/gateway.jar");
    }

    static Part backend() {
        return new Part("backend", ProjectHome.root().resolve("fake-backends"), "target/fake-backend.jar");
    }

    private PartImages() {
    }

    /** The image for {@code part}: present already, or built now. */
    static synchronized String ensure(Part part, String runId) {
        Path dockerfile = part.dockerfile();
        Path jar = part.dir().resolve(part.jar());
        if (!Files.isRegularFile(dockerfile) || !Files.isRegularFile(jar)) {
            throw new PartStartException("containers runtime: " + (Files.isRegularFile(dockerfile) ? jar : dockerfile)
                    + " is missing (build the project first: ./run.sh builds what is stale)");
        }
        Path lib = part.dir().resolve(part.lib());
        List<Path> inputs = new java.util.ArrayList<>(List.of(dockerfile, jar));
        try (java.util.stream.Stream<Path> jars = Files.list(lib)) {
            inputs.addAll(jars.sorted().toList());
        } catch (IOException e) {
            throw new PartStartException("containers runtime: " + lib + " is missing (build the project first: ./run.sh"
                    + " builds what is stale)");
        }
        String tag = "gauntlet/" + part.name() + ":" + hash(inputs);
        DockerClient docker = Docker.client();
        try {
            docker.inspectImageCmd(tag).exec();
            return tag;
        } catch (NotFoundException missing) {
            // build it below
        }
        try {
            new ImageFromDockerfile(tag, false)
                    .withFileFromPath("Dockerfile", dockerfile)
                    .withFileFromPath(part.jar(), jar)
                    .withFileFromPath(part.lib(), lib)
                    .withBuildImageCmdModifier(cmd -> cmd.withLabels(Map.of(Docker.PART_LABEL, part.name(), BUILT_BY_LABEL, runId)))
                    .get();
        } catch (Exception e) {
            throw new PartStartException("containers runtime: building " + tag + " from " + dockerfile + " failed: "
                    + rootMessage(e) + " (the base image must be present or pullable: docker/build-base-images.sh"
                    + " builds it where no registry is reachable)", e);
        }
        removeOlder(docker, part.name(), tag);
        return tag;
    }

    private static void removeOlder(DockerClient docker, String part, String keep) {
        List<Image> images = docker.listImagesCmd().withLabelFilter(Map.of(Docker.PART_LABEL, part)).exec();
        for (Image image : images) {
            List<String> tags = image.getRepoTags() == null ? List.of() : List.of(image.getRepoTags());
            if (tags.contains(keep)) {
                continue;
            }
            try {
                docker.removeImageCmd(image.getId()).withForce(false).exec();
            } catch (ConflictException | NotFoundException inUseOrGone) {
                // a container of another run still uses it, or another run removed it first
            }
        }
    }

    /** The first 12 hex digits of the SHA-256 of the files' contents and names, in order. */
    static String hash(List<Path> files) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (Path file : files) {
                sha.update(file.getFileName().toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                try (InputStream in = Files.newInputStream(file)) {
                    for (int n; (n = in.read(buffer)) > 0; ) {
                        sha.update(buffer, 0, n);
                    }
                }
            }
            return HexFormat.of().formatHex(sha.digest()).substring(0, 12);
        } catch (IOException | NoSuchAlgorithmException e) {
            throw new PartStartException("containers runtime: cannot hash " + files + ": " + e.getMessage(), e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }
}
