package com.omnichannel.gateway.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

/**
 * The documentation's relative links lead somewhere (files, folders and headings), and the README stays what a
 * newcomer reads first. Plain JUnit: the Markdown files are read from the project root, surefire's working
 * directory.
 */
class DocumentationLinksTest {

    static final Path ROOT = Path.of("");
    static final Path README = Path.of("README.md");
    static final Path DOCS = Path.of("docs");
    static final Path FIXTURE = Path.of("src-test/resources/docs-fixture");
    static final int README_MAX_LINES = 250;

    static List<Path> documentation() throws IOException {
        List<Path> files = new ArrayList<>(List.of(README, Path.of("CHANGELOG.md"), Path.of("scripts/bench/README.md"),
                Path.of("graphql-schema/operations/README.md")));
        files.addAll(docsPages());
        return files;
    }

    static List<Path> docsPages() throws IOException {
        try (Stream<Path> files = Files.walk(DOCS)) {
            return files.filter(p -> p.toString().endsWith(".md")).sorted().toList();
        }
    }

    @Test
    void the_tests_run_from_the_project_root() {
        assertThat(Path.of("pom.xml")).as("surefire's working directory is the project root").isRegularFile();
        assertThat(README).isRegularFile();
        assertThat(DOCS).isDirectory();
    }

    @Test
    void every_relative_link_of_the_documentation_leads_to_a_file_folder_or_heading() throws IOException {
        MarkdownLinks checker = new MarkdownLinks(ROOT);
        List<MarkdownLinks.Broken> broken = new ArrayList<>();
        for (Path file : documentation()) {
            assertThat(file).as("documentation file").isRegularFile();
            broken.addAll(checker.check(file));
        }
        assertThat(broken).as("broken links").isEmpty();
        assertThat(checker.relativeLinkCount(README)).as("relative links of the README").isGreaterThan(10);
    }

    @Test
    void the_checker_reports_each_kind_of_broken_link_and_only_those() {
        MarkdownLinks checker = new MarkdownLinks(FIXTURE);

        List<String> broken = checker.check(FIXTURE.resolve("broken.md")).stream()
                .map(b -> b.line() + " " + b.target())
                .toList();
        assertThat(broken).containsExactly(
                "11 missing.md",
                "12 no-such-folder/",
                "13 other.md#not-a-heading",
                "14 other.md#twice-2",
                "15 #nowhere",
                "16 ../outside.md",
                "17 images/missing.png",
                "20 gone/reference.md");

        assertThat(checker.check(FIXTURE.resolve("sub/page.md")))
                .extracting(MarkdownLinks.Broken::target, MarkdownLinks.Broken::reason)
                .containsExactly(Tuple.tuple("../other.md#thrice",
                        "no heading with the anchor #thrice in other.md"));
        assertThat(checker.check(FIXTURE.resolve("other.md"))).isEmpty();
    }

    @Test
    void anchors_are_made_from_headings_as_GitHub_makes_them() {
        assertThat(MarkdownLinks.slug("Demo accounts (dev only)")).isEqualTo("demo-accounts-dev-only");
        assertThat(MarkdownLinks.slug("Privacy: data export and erasure")).isEqualTo("privacy-data-export-and-erasure");
        assertThat(MarkdownLinks.slug("Customer 360 and channel insights (staff)"))
                .isEqualTo("customer-360-and-channel-insights-staff");
        assertThat(MarkdownLinks.slug("GraphQL over HTTP")).isEqualTo("graphql-over-http");
        assertThat(MarkdownLinks.slug("The `platform/` layer")).isEqualTo("the-platform-layer");
        assertThat(MarkdownLinks.slug("`SHUTDOWN_DELAY` and **grace**")).isEqualTo("shutdown_delay-and-grace");
        assertThat(MarkdownLinks.slug("Web → mobile, then kiosk")).isEqualTo("web--mobile-then-kiosk");
        assertThat(MarkdownLinks.slug("See [Carts](docs/carts.md)")).isEqualTo("see-carts");
        assertThat(new MarkdownLinks(FIXTURE).anchors(FIXTURE.resolve("other.md")))
                .containsExactly("other-page", "a-heading-with-punctuation", "twice", "twice-1");
    }

    @Test
    void the_readme_stays_short_and_shows_the_two_commands_after_cloning() throws IOException {
        List<String> lines = Files.readAllLines(README);
        assertThat(lines.size()).as("README.md lines").isLessThan(README_MAX_LINES);
        assertThat(lines).as("the commands, each at the start of a line")
                .anyMatch(line -> line.startsWith("scripts/dev.sh "))
                .anyMatch(line -> line.startsWith("scripts/test.sh "));
    }

    @Test
    void the_readme_links_every_docs_page() throws IOException {
        String readme = Files.readString(README);
        for (Path page : docsPages()) {
            assertThat(readme).as("README links %s", page).contains("](" + page.toString().replace('\\', '/') + ")");
        }
    }
}
