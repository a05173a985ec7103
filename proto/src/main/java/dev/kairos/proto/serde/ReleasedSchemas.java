package dev.kairos.proto.serde;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.apache.avro.Schema;

/**
 * Every released schema version, by record full name.
 *
 * <p>The source of truth is the folder {@code proto/released}; the jar carries the same files under
 * {@code kairos/released/} with an index, because a classpath cannot be listed reliably (nested jars,
 * module layers).
 */
public final class ReleasedSchemas {

    public static final String INDEX_FILE = "index.txt";

    private static final String CLASSPATH_FOLDER = "kairos/released/";
    private static final Pattern VERSION_FILE = Pattern.compile("v([1-9][0-9]*)\\.avsc");
    private static final Comparator<ReleasedSchema> BY_NAME_THEN_VERSION =
            Comparator.comparing(ReleasedSchema::fullName).thenComparingInt(ReleasedSchema::version);

    private final Map<String, List<ReleasedSchema>> byName = new TreeMap<>();

    private ReleasedSchemas(Collection<ReleasedSchema> schemas) {
        schemas.stream().sorted(BY_NAME_THEN_VERSION).forEach(released ->
                byName.computeIfAbsent(released.fullName(), name -> new ArrayList<>()).add(released));
    }

    public static ReleasedSchemas of(Collection<ReleasedSchema> schemas) {
        return new ReleasedSchemas(schemas);
    }

    /** The versions shipped in this jar; read once, they cannot change while the JVM runs. */
    public static ReleasedSchemas onClasspath() {
        return ClasspathHolder.INSTANCE;
    }

    /** Reads {@code <folder>/<full.Name>/v<N>.avsc}; the index file is not consulted. No folder: no release yet. */
    public static ReleasedSchemas inFolder(Path folder) throws IOException {
        List<ReleasedSchema> schemas = new ArrayList<>();
        if (!Files.isDirectory(folder)) {
            return new ReleasedSchemas(schemas);
        }
        try (Stream<Path> recordFolders = Files.list(folder)) {
            for (Path recordFolder : recordFolders.filter(Files::isDirectory).toList()) {
                try (Stream<Path> files = Files.list(recordFolder)) {
                    for (Path file : files.toList()) {
                        String path = recordFolder.getFileName() + "/" + file.getFileName();
                        schemas.add(parse(path, Files.readString(file)));
                    }
                }
            }
        }
        return new ReleasedSchemas(schemas);
    }

    /** Oldest first; empty when the record was never released. */
    public List<ReleasedSchema> versionsOf(String fullName) {
        return List.copyOf(byName.getOrDefault(fullName, List.of()));
    }

    public Optional<ReleasedSchema> latestOf(String fullName) {
        List<ReleasedSchema> versions = versionsOf(fullName);
        return versions.isEmpty() ? Optional.empty() : Optional.of(versions.get(versions.size() - 1));
    }

    public List<ReleasedSchema> all() {
        return byName.values().stream().flatMap(List::stream).toList();
    }

    /**
     * The content of {@code index.txt}: one {@code <path> <fingerprint>} line per version, so a
     * client in another language maps a message's fingerprint to its schema file without hashing.
     */
    public String index() {
        StringBuilder index = new StringBuilder()
                .append("# Released schemas: <path> <fingerprint, hex of the 8 header bytes after C3 01>.\n")
                .append("# Written by the release command; the build fails when it disagrees with the files.\n");
        all().forEach(released ->
                index.append(released.path()).append(' ').append(released.fingerprint()).append('\n'));
        return index.toString();
    }

    private static ReleasedSchema parse(String path, String json) {
        String[] parts = path.split("/");
        Matcher versionFile = parts.length == 2 ? VERSION_FILE.matcher(parts[1]) : null;
        if (versionFile == null || !versionFile.matches()) {
            throw new IllegalStateException("Released schema " + path + " is not named <full.Name>/v<N>.avsc");
        }
        Schema schema = new Schema.Parser().parse(json);
        if (!schema.getFullName().equals(parts[0])) {
            throw new IllegalStateException("Released schema " + path + " defines " + schema.getFullName()
                    + ", not the record its folder names");
        }
        return new ReleasedSchema(Integer.parseInt(versionFile.group(1)), schema);
    }

    private static ReleasedSchemas fromClasspath() {
        List<ReleasedSchema> schemas = new ArrayList<>();
        for (String line : read(CLASSPATH_FOLDER + INDEX_FILE).split("\n")) {
            if (!line.isBlank() && !line.startsWith("#")) {
                String path = line.trim().split("\\s+")[0];
                schemas.add(parse(path, read(CLASSPATH_FOLDER + path)));
            }
        }
        return new ReleasedSchemas(schemas);
    }

    private static String read(String resource) {
        try (InputStream in = ReleasedSchemas.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is not on the classpath; the kairos-proto jar ships it");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + resource, e);
        }
    }

    private static final class ClasspathHolder {
        static final ReleasedSchemas INSTANCE = fromClasspath();
    }
}
