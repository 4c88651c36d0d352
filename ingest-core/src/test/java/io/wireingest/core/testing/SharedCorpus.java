package io.wireingest.core.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Locates the read-only {@code shared/} folder (real agency copy, the seed, the benchmarks) that CI places beside the
 * checkout as {@code ../shared}. A user's clone has none: tests that need it skip.
 *
 * <p>Looked up in order: system property {@code wire.shared.dir}, environment variable {@code WIRE_SHARED_DIR}, then
 * a folder named {@code shared} holding {@code corpus/} beside the working directory or any of its parents.
 */
public final class SharedCorpus {
    private SharedCorpus() {}

    /** The shared folder, when there is one. */
    public static Optional<Path> find() {
        for (String configured :
                new String[] {System.getProperty("wire.shared.dir"), System.getenv("WIRE_SHARED_DIR")}) {
            if (configured != null && !configured.isBlank() && Files.isDirectory(Path.of(configured, "corpus"))) {
                return Optional.of(Path.of(configured).toAbsolutePath().normalize());
            }
        }
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            Path candidate = dir.resolveSibling("shared");
            if (Files.isDirectory(candidate.resolve("corpus"))) {
                return Optional.of(candidate.normalize());
            }
            dir = dir.getParent();
        }
        return Optional.empty();
    }

    /** The shared folder, or skips the calling test when there is none. */
    public static Path require() {
        Optional<Path> shared = find();
        assumeTrue(shared.isPresent(), "no ../shared folder beside the checkout: skipping the shared-corpus test");
        return shared.get();
    }

    /** A path inside the shared folder, or skips the calling test when it is absent. */
    public static Path require(String relative) {
        Path path = require().resolve(relative);
        assumeTrue(Files.exists(path), "shared corpus has no " + relative + ": skipping");
        return path;
    }
}
