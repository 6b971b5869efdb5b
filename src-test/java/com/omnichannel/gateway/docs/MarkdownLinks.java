package com.omnichannel.gateway.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the relative links of Markdown files that lead nowhere: a target file or folder that does not exist, or an
 * {@code #anchor} that matches no heading of the Markdown file it points into (or of the same file). Headings get
 * anchors as GitHub makes them: lower case, punctuation removed, each space a hyphen, and {@code -1}, {@code -2}, ...
 * appended to repeated ones.
 * <p>
 * Links with a scheme ({@code https:}, {@code mailto:}, ...) are not followed: nothing is fetched. Links inside
 * fenced code blocks and code spans are not links. Only ATX headings ({@code ## Title}) make anchors; the house
 * writes no other kind.
 */
final class MarkdownLinks {

    /** A link that leads nowhere: where it is written and why it is broken. */
    record Broken(Path file, int line, String target, String reason) {
        @Override
        public String toString() {
            return file + ":" + line + ": (" + target + ") " + reason;
        }
    }

    private static final Pattern INLINE_LINK = Pattern.compile(
            "!?\\[(?:[^\\[\\]]|\\[[^\\[\\]]*\\])*\\]\\(\\s*(<[^>]*>|[^\\s()]*(?:\\([^\\s()]*\\)[^\\s()]*)*)(?:\\s+(?:\"[^\"]*\"|'[^']*'))?\\s*\\)");
    private static final Pattern REFERENCE_DEFINITION = Pattern.compile("^ {0,3}\\[[^\\]]+\\]:\\s*(<[^>]*>|\\S+)");
    private static final Pattern ATX_HEADING = Pattern.compile("^ {0,3}(#{1,6})(?:[ \\t]+(.*?))?(?:[ \\t]+#+)?[ \\t]*$");
    private static final Pattern FENCE = Pattern.compile("^ {0,3}(`{3,}|~{3,})");
    private static final Pattern CODE_SPAN = Pattern.compile("(`+)(.+?)\\1");
    private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:");

    private final Path root;
    private final Map<Path, Set<String>> anchorsByFile = new HashMap<>();

    /** @param root links may not leave this folder (the repository, or a fixture's folder) */
    MarkdownLinks(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    /** The broken links of one Markdown file, in the order they are written. */
    List<Broken> check(Path file) {
        Path markdown = file.toAbsolutePath().normalize();
        List<String> lines = proseLines(read(markdown));
        List<Broken> broken = new ArrayList<>();
        for (Link link : links(lines)) {
            String reason = problem(markdown, link.target());
            if (reason != null) {
                broken.add(new Broken(root.relativize(markdown), link.line(), link.target(), reason));
            }
        }
        return broken;
    }

    /** How many relative links (the ones checked) a file has. */
    long relativeLinkCount(Path file) {
        return links(proseLines(read(file.toAbsolutePath().normalize()))).stream()
                .filter(link -> !SCHEME.matcher(link.target()).find())
                .count();
    }

    /** The anchors of a Markdown file's headings, as GitHub makes them. */
    Set<String> anchors(Path file) {
        return anchorsByFile.computeIfAbsent(file.toAbsolutePath().normalize(), f -> {
            Set<String> anchors = new LinkedHashSet<>();
            Map<String, Integer> seen = new HashMap<>();
            for (String line : proseLinesKeepingCode(read(f))) {
                Matcher heading = ATX_HEADING.matcher(line);
                if (heading.matches()) {
                    String slug = slug(heading.group(2) == null ? "" : heading.group(2));
                    int times = seen.merge(slug, 1, Integer::sum);
                    anchors.add(times == 1 ? slug : slug + "-" + (times - 1));
                }
            }
            return anchors;
        });
    }

    /** GitHub's anchor for a heading's text: its words, lower case, punctuation removed, spaces made hyphens. */
    static String slug(String heading) {
        String text = heading
                .replaceAll("!?\\[([^\\]]*)\\]\\([^)]*\\)", "$1") // a link or image counts by its text
                .replaceAll("<[^>]+>", "") // inline HTML tags
                .replace("`", "")
                .replaceAll("(\\*+|(?<![\\p{L}\\p{N}])_+|_+(?![\\p{L}\\p{N}]))", ""); // emphasis, not snake_case
        return text.strip().toLowerCase(Locale.ROOT)
                .replaceAll("[^\\p{L}\\p{M}\\p{N}\\p{Pc} -]", "")
                .replace(' ', '-');
    }

    // ---- the checks

    private String problem(Path markdown, String rawTarget) {
        String target = rawTarget.startsWith("<") && rawTarget.endsWith(">")
                ? rawTarget.substring(1, rawTarget.length() - 1)
                : rawTarget;
        if (target.isEmpty()) {
            return "empty link";
        }
        if (SCHEME.matcher(target).find()) {
            return null; // external: not fetched
        }
        int hash = target.indexOf('#');
        String pathPart = decode(hash < 0 ? target : target.substring(0, hash));
        String anchor = hash < 0 ? null : decode(target.substring(hash + 1));
        int query = pathPart.indexOf('?');
        if (query >= 0) {
            pathPart = pathPart.substring(0, query);
        }

        Path resolved;
        if (pathPart.isEmpty()) {
            resolved = markdown;
        } else if (pathPart.startsWith("/")) {
            resolved = root.resolve(pathPart.substring(1)).normalize();
        } else {
            resolved = markdown.getParent().resolve(pathPart).normalize();
        }
        if (!resolved.startsWith(root)) {
            return "leads outside " + root.getFileName();
        }
        if (!Files.exists(resolved)) {
            return "no such file or folder: " + root.relativize(resolved);
        }
        if (anchor != null && !anchor.isEmpty() && isMarkdown(resolved) && !anchors(resolved).contains(anchor)) {
            return "no heading with the anchor #" + anchor + " in " + root.relativize(resolved);
        }
        return null;
    }

    private static boolean isMarkdown(Path path) {
        return Files.isRegularFile(path) && path.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".md");
    }

    // ---- reading Markdown

    private record Link(int line, String target) {
    }

    private static List<Link> links(List<String> lines) {
        List<Link> links = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        List<Integer> lineStarts = new ArrayList<>();
        for (String line : lines) {
            lineStarts.add(text.length());
            text.append(line).append('\n');
            Matcher definition = REFERENCE_DEFINITION.matcher(line);
            if (definition.find()) {
                links.add(new Link(lineStarts.size(), definition.group(1)));
            }
        }
        Matcher inline = INLINE_LINK.matcher(text);
        while (inline.find()) {
            links.add(new Link(lineOf(lineStarts, inline.start(1)), inline.group(1)));
        }
        links.sort((a, b) -> Integer.compare(a.line(), b.line()));
        return links;
    }

    private static int lineOf(List<Integer> lineStarts, int offset) {
        int line = 0;
        while (line + 1 < lineStarts.size() && lineStarts.get(line + 1) <= offset) {
            line++;
        }
        return line + 1;
    }

    /** The file's lines with fenced code blocks and code spans blanked out (line numbers stay). */
    private static List<String> proseLines(String markdown) {
        List<String> prose = new ArrayList<>();
        for (String line : proseLinesKeepingCode(markdown)) {
            Matcher span = CODE_SPAN.matcher(line);
            StringBuilder blanked = new StringBuilder();
            while (span.find()) {
                span.appendReplacement(blanked, Matcher.quoteReplacement(" ".repeat(span.group().length())));
            }
            span.appendTail(blanked);
            prose.add(blanked.toString());
        }
        return prose;
    }

    /** The file's lines with fenced code blocks blanked out (line numbers stay). */
    private static List<String> proseLinesKeepingCode(String markdown) {
        List<String> prose = new ArrayList<>();
        String fence = null;
        for (String line : markdown.split("\n", -1)) {
            Matcher opening = FENCE.matcher(line);
            if (fence == null && opening.find()) {
                fence = opening.group(1);
                prose.add("");
            } else if (fence != null) {
                String trimmed = line.strip();
                char fenceChar = fence.charAt(0);
                if (trimmed.startsWith(fence) && trimmed.chars().allMatch(c -> c == fenceChar)) {
                    fence = null;
                }
                prose.add("");
            } else {
                prose.add(line);
            }
        }
        return prose;
    }

    private static String decode(String part) {
        return URLDecoder.decode(part.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file).replace("\r\n", "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
