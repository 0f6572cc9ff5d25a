package io.github.procorecdi.token;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

import io.github.procorecdi.AccessToken;
import io.github.procorecdi.ProcoreException;
import io.github.procorecdi.TokenStore;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.JsonWriter;

/**
 * The {@code file} token store, for installed apps and single-host tools: one JSON file, replaced
 * atomically (write a temporary file, force it to disk, rename over the old one), readable by its
 * owner only, and safe between processes: every operation holds an exclusive lock on
 * {@code <file>.lock} (and, within the JVM, a lock per file). Refresh claims are leases written to
 * the file, so two processes sharing it never redeem the same refresh token.
 *
 * <p>A file that cannot be parsed is never overwritten: operations fail with a clear
 * {@link ProcoreException} until it is repaired or removed.
 */
public final class FileTokenStore implements TokenStore {
    private static final Map<Path, ReentrantLock> JVM_LOCKS = new ConcurrentHashMap<>();
    private static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_DIR = PosixFilePermissions.fromString("rwx------");

    private final Path file;
    private final Path lockFile;
    private final TokenCipher cipher;
    private final Clock clock;

    /**
     * @param file   the token file (its directory is created, owner-only, if missing)
     * @param cipher encrypts token values at rest, or {@code null}
     * @param clock  time source for refresh-claim leases
     */
    public FileTokenStore(Path file, TokenCipher cipher, Clock clock) {
        this.file = file.toAbsolutePath().normalize();
        this.lockFile = this.file.resolveSibling(this.file.getFileName() + ".lock");
        this.cipher = cipher;
        this.clock = clock;
    }

    @Override
    public Optional<AccessToken> load(String connection, String subject) {
        return locked(entries -> Optional.ofNullable(entries.get(key(connection, subject))).map(e -> e.token), false);
    }

    @Override
    public void save(String connection, String subject, AccessToken token) {
        locked(entries -> {
            entries.put(key(connection, subject), new Entry(token, 0));
            return null;
        }, true);
    }

    @Override
    public boolean replace(String connection, String subject, AccessToken expected, AccessToken replacement) {
        return locked(entries -> {
            Entry current = entries.get(key(connection, subject));
            if (current == null || !current.token.equals(expected)) {
                return Boolean.FALSE;
            }
            if (replacement == null) {
                entries.remove(key(connection, subject));
            } else {
                entries.put(key(connection, subject), new Entry(replacement, 0));
            }
            return Boolean.TRUE;
        }, true);
    }

    @Override
    public void remove(String connection, String subject) {
        locked(entries -> {
            entries.remove(key(connection, subject));
            return null;
        }, true);
    }

    @Override
    public boolean claimRefresh(String connection, String subject, AccessToken current, Duration lease) {
        long now = clock.millis();
        return locked(entries -> {
            Entry e = entries.get(key(connection, subject));
            if (e == null || !e.token.equals(current) || e.claimUntil > now) {
                return Boolean.FALSE;
            }
            entries.put(key(connection, subject), new Entry(e.token, now + lease.toMillis()));
            return Boolean.TRUE;
        }, true);
    }

    /** @return the file this store keeps its tokens in */
    public Path file() {
        return file;
    }

    @Override
    public String toString() {
        return "FileTokenStore[" + file + (cipher != null ? ", encrypted" : "") + "]";
    }

    // ---- locking, reading, writing

    private <T> T locked(Function<Map<String, Entry>, T> operation, boolean write) {
        ReentrantLock jvmLock = JVM_LOCKS.computeIfAbsent(file, f -> new ReentrantLock());
        jvmLock.lock();
        try {
            ensureDirectory();
            try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock lock = channel.lock()) {
                Map<String, Entry> entries = read();
                String before = write ? serialize(entries) : null;
                T result = operation.apply(entries);
                if (write) {
                    String after = serialize(entries);
                    if (!after.equals(before)) {
                        writeAtomically(after);
                    }
                }
                return result;
            }
        } catch (IOException e) {
            throw new ProcoreException("token store file " + file + ": " + e.getClass().getSimpleName() + ": " + e.getMessage(), e);
        } finally {
            jvmLock.unlock();
        }
    }

    private void ensureDirectory() throws IOException {
        Path dir = file.getParent();
        if (dir != null && !Files.isDirectory(dir)) {
            try {
                Files.createDirectories(dir, posix() ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_DIR)}
                        : new FileAttribute<?>[0]);
            } catch (FileAlreadyExistsException e) {
                // created concurrently
            }
        }
    }

    private Map<String, Entry> read() throws IOException {
        Map<String, Entry> entries = new LinkedHashMap<>();
        if (!Files.exists(file)) {
            return entries;
        }
        String text = Files.readString(file, StandardCharsets.UTF_8);
        if (text.isBlank()) {
            return entries;
        }
        JsonObject root;
        try (JsonReader reader = Json.createReader(new StringReader(text))) {
            root = reader.readObject();
        } catch (JsonException | IllegalStateException e) {
            throw new ProcoreException("token store file " + file + " is not valid JSON; it was left untouched (repair or remove it)", e);
        }
        JsonValue tokens = root.get("tokens");
        if (!(tokens instanceof JsonObject byKey)) {
            throw new ProcoreException("token store file " + file + " has no \"tokens\" object; it was left untouched (repair or remove it)");
        }
        for (Map.Entry<String, JsonValue> e : byKey.entrySet()) {
            if (!(e.getValue() instanceof JsonObject o)) {
                throw new ProcoreException("token store file " + file + " has a malformed entry; it was left untouched");
            }
            entries.put(e.getKey(), Entry.from(e.getKey(), o, cipher, file));
        }
        return entries;
    }

    private String serialize(Map<String, Entry> entries) {
        JsonObjectBuilder tokens = Json.createObjectBuilder();
        entries.forEach((k, e) -> tokens.add(k, e.toJson(k, cipher)));
        StringWriter out = new StringWriter();
        try (JsonWriter writer = Json.createWriter(out)) {
            writer.writeObject(Json.createObjectBuilder().add("format", 1).add("tokens", tokens).build());
        }
        return out.toString();
    }

    private void writeAtomically(String content) throws IOException {
        Path dir = file.getParent();
        Path tmp = posix()
                ? Files.createTempFile(dir, file.getFileName().toString(), ".tmp", PosixFilePermissions.asFileAttribute(OWNER_FILE))
                : Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
        try {
            try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer bytes = ByteBuffer.wrap(content.getBytes(StandardCharsets.UTF_8));
                while (bytes.hasRemaining()) {
                    out.write(bytes);
                }
                out.force(true);
            }
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private boolean posix() {
        return file.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    private static String key(String connection, String subject) {
        return connection + "/" + subject;
    }

    /** One stored pair and its refresh-claim lease. */
    private static final class Entry {
        final AccessToken token;
        final long claimUntil;

        Entry(AccessToken token, long claimUntil) {
            this.token = token;
            this.claimUntil = claimUntil;
        }

        JsonObject toJson(String key, TokenCipher cipher) {
            String[] cs = split(key);
            JsonObjectBuilder b = Json.createObjectBuilder()
                    .add("access_token", cipher == null ? token.value() : cipher.encrypt(token.value(), cs[0], cs[1]))
                    .add("token_type", token.tokenType())
                    .add("expires_at", token.expiresAt().toString())
                    .add("created_at", token.createdAt().toString());
            if (token.refreshToken() != null) {
                b.add("refresh_token", cipher == null ? token.refreshToken() : cipher.encrypt(token.refreshToken(), cs[0], cs[1]));
            }
            if (claimUntil > 0) {
                b.add("refresh_claimed_until", claimUntil);
            }
            return b.build();
        }

        static Entry from(String key, JsonObject o, TokenCipher cipher, Path file) {
            try {
                String[] cs = split(key);
                String access = string(o, "access_token");
                String refresh = string(o, "refresh_token");
                if (cipher != null) {
                    access = cipher.decrypt(access, cs[0], cs[1]);
                    refresh = cipher.decrypt(refresh, cs[0], cs[1]);
                } else if (TokenCipher.isEncrypted(access)) {
                    throw new ProcoreException("token store file " + file + " holds encrypted tokens but no token-store.encryption-key is set");
                }
                AccessToken token = new AccessToken(access, string(o, "token_type"), Instant.parse(string(o, "expires_at")), refresh,
                        Instant.parse(string(o, "created_at")));
                long claim = o.containsKey("refresh_claimed_until") ? o.getJsonNumber("refresh_claimed_until").longValue() : 0;
                return new Entry(token, claim);
            } catch (ProcoreException e) {
                throw e;
            } catch (RuntimeException e) {
                throw new ProcoreException("token store file " + file + " has a malformed entry (" + e.getClass().getSimpleName()
                        + "); it was left untouched", e);
            }
        }

        private static String string(JsonObject o, String name) {
            JsonValue v = o.get(name);
            return v instanceof JsonString s ? s.getString() : null;
        }

        private static String[] split(String key) {
            int slash = key.indexOf('/');
            return new String[] {key.substring(0, slash), key.substring(slash + 1)};
        }
    }
}
