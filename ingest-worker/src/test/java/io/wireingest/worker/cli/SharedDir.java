package io.wireingest.worker.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds the read-only shared material ({@code ../shared} beside the checkout, or {@code WIRE_SHARED_DIR} as a system
 * property or environment variable). Tests that need it skip when it is absent.
 */
final class SharedDir {
    private SharedDir() {}

    static Optional<Path> locate() {
        String configured = System.getProperty("WIRE_SHARED_DIR", System.getenv("WIRE_SHARED_DIR"));
        if (configured != null && !configured.isBlank()) {
            Path p = Path.of(configured);
            return Files.isDirectory(p.resolve("corpus")) ? Optional.of(p) : Optional.empty();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolveSibling("shared");
            if (dir.getParent() != null && Files.isDirectory(candidate.resolve("corpus"))) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
