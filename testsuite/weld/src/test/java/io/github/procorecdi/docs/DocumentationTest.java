package io.github.procorecdi.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import io.github.procorecdi.config.ConfigKey;

/**
 * Every code block of README.md, CONTRIBUTING.md and docs/ is code that exists: Java is compiled (its lines stand, in
 * order, in one source file of this package or of a sample, so the build compiles them), properties name keys of
 * {@link ConfigKey}, commands name modules, scripts and artifacts of this repository, and a dependency snippet names a
 * published artifact at the project's version or at the last released one.
 */
class DocumentationTest {
    private static final Path ROOT = Path.of("..", "..").toAbsolutePath().normalize();
    private static final Pattern BLOCK = Pattern.compile("^```(\\w*)\\n(.*?)^```[ \\t]*$", Pattern.MULTILINE | Pattern.DOTALL);
    private static final Pattern PROPERTY = Pattern.compile("(?:^|\\s)procore\\.[A-Za-z0-9_-]+\\.([a-z0-9.-]+)=");
    private static final Pattern ENVIRONMENT_VARIABLE = Pattern.compile("\\bPROCORE_([A-Z0-9_]+)=");
    private static final Pattern MODULES = Pattern.compile("\\s-pl\\s+([\\w/.,-]+)");
    private static final Pattern REPO_PATH = Pattern.compile("(?<![\\w/.-])((?:testsuite|samples|runtime|extension|bom|\\.ci)/[\\w/.*-]+)");
    private static final Pattern ARTIFACT = Pattern.compile("<artifactId>(procore-cdi-[\\w-]+)</artifactId>\\s*(?:<version>([^<]+)</version>)?");

    record Block(Path file, String language, String text) {
        String where() {
            return ROOT.relativize(file) + " (block starting '" + text.lines().findFirst().orElse("").trim() + "')";
        }
    }

    @Test
    void everyJavaBlockStandsInCompiledSource() throws IOException {
        List<List<String>> sources = new ArrayList<>();
        for (Path dir : List.of(ROOT.resolve("testsuite/weld/src/test/java/io/github/procorecdi/docs"), ROOT.resolve("samples"))) {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".java") && !p.toString().contains("/target/")).toList()) {
                    sources.add(significantLines(Files.readString(f)));
                }
            }
        }
        List<String> missing = new ArrayList<>();
        List<Block> java = blocks().stream().filter(b -> b.language().equals("java")).toList();
        for (Block block : java) {
            List<String> lines = significantLines(block.text());
            if (sources.stream().noneMatch(source -> containsInOrder(source, lines))) {
                missing.add(block.where() + ": first line not found in order: '" + firstMissing(sources, lines) + "'");
            }
        }
        assertThat(java).as("java blocks in the docs").isNotEmpty();
        assertThat(missing).as("java blocks whose lines are in no compiled source of io.github.procorecdi.docs (testsuite/weld) "
                + "or samples/: copy the block there, or the source's lines into the block").isEmpty();
    }

    @Test
    void everyPropertyAndEnvironmentVariableIsAConfigurationKey() {
        Set<String> keys = Stream.of(ConfigKey.values()).map(ConfigKey::property).collect(Collectors.toSet());
        Set<String> variables = keys.stream().map(DocumentationTest::variable).collect(Collectors.toSet());
        List<String> unknown = new ArrayList<>();
        int seen = 0;
        for (Block block : blocks()) {
            for (String line : block.text().lines().toList()) {
                Matcher p = PROPERTY.matcher(line);
                while (p.find()) {
                    seen++;
                    if (!keys.contains(p.group(1))) {
                        unknown.add(block.where() + ": " + line.trim());
                    }
                }
                Matcher v = ENVIRONMENT_VARIABLE.matcher(line);
                while (v.find()) {
                    seen++;
                    String rest = v.group(1); // <NAME>_<KEY>: some suffix must be a key
                    boolean known = false;
                    for (int i = rest.indexOf('_'); i >= 0 && !known; i = rest.indexOf('_', i + 1)) {
                        known = variables.contains(rest.substring(i + 1));
                    }
                    if (!known) {
                        unknown.add(block.where() + ": " + v.group());
                    }
                }
            }
        }
        assertThat(seen).as("properties and variables in the docs' blocks").isGreaterThan(10);
        assertThat(unknown).as("properties or environment variables that are not keys of ConfigKey").isEmpty();
    }

    @Test
    void everyCommandNamesModulesAndFilesOfThisRepository() {
        List<String> broken = new ArrayList<>();
        int seen = 0;
        for (Block block : blocks()) {
            if (!Set.of("", "sh", "bash", "shell").contains(block.language())) {
                continue;
            }
            for (String line : block.text().lines().toList()) {
                Matcher m = MODULES.matcher(line);
                while (m.find()) {
                    for (String module : m.group(1).split(",")) {
                        seen++;
                        if (!Files.isRegularFile(ROOT.resolve(module).resolve("pom.xml"))) {
                            broken.add(block.where() + ": no module " + module);
                        }
                    }
                }
                Matcher f = REPO_PATH.matcher(line);
                while (f.find()) {
                    seen++;
                    String path = f.group(1);
                    int target = path.indexOf("/target/");
                    Path must = ROOT.resolve(target >= 0 ? path.substring(0, target) + "/pom.xml" : path.replaceAll("/\\*.*$", ""));
                    if (!Files.exists(must)) {
                        broken.add(block.where() + ": no " + ROOT.relativize(must));
                    }
                }
            }
        }
        assertThat(seen).as("modules and paths named by the docs' commands").isGreaterThan(5);
        assertThat(broken).as("commands naming what this repository does not have").isEmpty();
    }

    @Test
    void dependencySnippetsNamePublishedArtifactsAtTheProjectsOrTheLastReleasedVersion() throws IOException {
        Set<String> artifacts = new TreeSet<>();
        try (Stream<Path> poms = Files.walk(ROOT)) {
            for (Path pom : poms.filter(p -> p.getFileName().toString().equals("pom.xml") && !p.toString().contains("/target/")).toList()) {
                Matcher m = Pattern.compile("^  <artifactId>(procore-cdi-[\\w-]+)</artifactId>", Pattern.MULTILINE)
                        .matcher(Files.readString(pom));
                if (m.find()) {
                    artifacts.add(m.group(1));
                }
            }
        }
        String pom = Files.readString(ROOT.resolve("pom.xml"));
        Matcher v = Pattern.compile("^  <version>([^<]+)</version>", Pattern.MULTILINE).matcher(pom);
        assertThat(v.find()).as("the root pom's version").isTrue();
        Set<String> versions = new TreeSet<>(Set.of(v.group(1)));
        Matcher released = Pattern.compile("^## (\\d+\\.\\d+\\.\\d+) \\(\\d{4}-\\d{2}-\\d{2}\\)", Pattern.MULTILINE)
                .matcher(Files.readString(ROOT.resolve("CHANGELOG.md")));
        if (released.find()) {
            versions.add(released.group(1)); // the newest dated release comes first
        }
        List<String> broken = new ArrayList<>();
        int seen = 0;
        for (Block block : blocks()) {
            Matcher a = ARTIFACT.matcher(block.text());
            while (a.find()) {
                seen++;
                if (!artifacts.contains(a.group(1))) {
                    broken.add(block.where() + ": no artifact " + a.group(1) + " (there are " + artifacts + ")");
                }
                if (a.group(2) != null && !a.group(2).startsWith("${") && !versions.contains(a.group(2))) {
                    broken.add(block.where() + ": version " + a.group(2) + " is neither the project's nor the last release's " + versions);
                }
            }
        }
        assertThat(seen).as("procore-cdi artifacts in the docs' blocks").isGreaterThan(1);
        assertThat(broken).isEmpty();
    }

    // ---- reading

    private static List<Block> blocks() {
        List<Path> files = new ArrayList<>(List.of(ROOT.resolve("README.md"), ROOT.resolve("CONTRIBUTING.md")));
        try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(files::add);
            List<Block> blocks = new ArrayList<>();
            for (Path f : files) {
                Matcher m = BLOCK.matcher(Files.readString(f));
                while (m.find()) {
                    blocks.add(new Block(f, m.group(1), m.group(2)));
                }
            }
            return blocks;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Lines with code, whitespace collapsed; a line that only stands for omitted code ("...") is not one. */
    static List<String> significantLines(String text) {
        List<String> lines = new ArrayList<>();
        for (String line : text.lines().toList()) {
            String l = line.trim().replaceAll("\\s+", " ");
            if (!l.isEmpty() && !l.startsWith("...") && !l.startsWith("// ...")) {
                lines.add(l);
            }
        }
        return lines;
    }

    static boolean containsInOrder(List<String> source, List<String> lines) {
        int from = 0;
        for (String line : lines) {
            int i = source.subList(from, source.size()).indexOf(line);
            if (i < 0) {
                return false;
            }
            from += i + 1;
        }
        return true;
    }

    private static String firstMissing(List<List<String>> sources, List<String> lines) {
        for (int n = 1; n <= lines.size(); n++) {
            List<String> prefix = lines.subList(0, n);
            if (sources.stream().noneMatch(s -> containsInOrder(s, prefix))) {
                return lines.get(n - 1);
            }
        }
        return "";
    }

    private static String variable(String property) {
        return property.toUpperCase(java.util.Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
    }
}
