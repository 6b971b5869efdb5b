package com.omnichannel.gateway.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * No source file of the service grows past about 500 lines: one that does has taken on a second job, which
 * belongs in a class of its own (as checkout's preparation, transaction and validation are beside its service).
 */
class ClassSizeTest {

    static final int MAX_LINES = 520;

    @Test
    void no_source_file_of_the_service_is_over_about_500_lines() throws IOException {
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            List<String> tooLong = files.filter(f -> f.toString().endsWith(".java")).map(ClassSizeTest::lines)
                    .filter(l -> l.count() > MAX_LINES).map(l -> l.file() + " " + l.count()).toList();
            assertThat(tooLong).isEmpty();
        }
    }

    record Lines(Path file, long count) {
    }

    private static Lines lines(Path file) {
        try (Stream<String> lines = Files.lines(file)) {
            return new Lines(file, lines.count());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
