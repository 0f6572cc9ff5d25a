package io.github.procorecdi.store;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
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
 * {@link ProcoreException} until it is repaired or removed. An entry that cannot be opened (sealed
 * with another key) fails only its own subject, with {@link UnreadableTokenException}.
 *
 * <p>Durability: the new content is forced to disk before the rename, and the directory after it, so
 * a power loss can never bring back a pair whose refresh token was already spent. Within one JVM,
 * stores of different applications (class loaders) that share a file wait for each other.
 */
public final class FileTokenStore implements TokenStore {
    private static final Map<Path, ReentrantLock> JVM_LOCKS = new ConcurrentHashMap<>();
    private static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_DIR = PosixFilePermissions.fromString("rwx------");
    private static final Duration LOCK_WAIT = Duration.ofSeconds(30);

    private final Path file;
    private final Path lockFile;
    private final TokenCipher cipher;
    private final Clock clock;

    /**
     * @param file   the token file (its directory is created, owner-only, if missing)
     * @param cipher seals token values at rest ({@link TokenCipher#none()} for clear text)
     * @param clock  time source for refresh-claim leases
     */
    public FileTokenStore(Path file, TokenCipher cipher, Clock clock) {
        this.file = realPath(file.toAbsolutePath().normalize());
        this.lockFile = this.file.resolveSibling(this.file.getFileName() + ".lock");
        this.cipher = cipher == null ? TokenCipher.none() : cipher;
        this.clock = clock;
    }

    @Override
    public Optional<AccessToken> load(String connection, String subject) {
        return locked(entries -> {
            Entry e = entries.get(key(connection, subject));
            return e == null ? Optional.<AccessToken>empty() : Optional.of(e.open(cipher, connection, subject));
        }, false);
    }

    @Override
    public void save(String connection, String subject, AccessToken token) {
        locked(entries -> {
            entries.put(key(connection, subject), Entry.seal(token, cipher, connection, subject));
            return null;
        }, true);
    }

    @Override
    public boolean replace(String connection, String subject, AccessToken expected, AccessToken replacement) {
        return locked(entries -> {
            Entry current = entries.get(key(connection, subject));
            if (current == null || !current.holds(expected, cipher, connection, subject)) {
                return Boolean.FALSE;
            }
            if (replacement == null) {
                entries.remove(key(connection, subject));
            } else {
                entries.put(key(connection, subject), Entry.seal(replacement, cipher, connection, subject));
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
            if (e == null || !e.holds(current, cipher, connection, subject) || e.claimUntil > now) {
                return Boolean.FALSE;
            }
            entries.put(key(connection, subject), e.claimedUntil(now + lease.toMillis()));
            return Boolean.TRUE;
        }, true);
    }

    @Override
    public void releaseClaim(String connection, String subject, AccessToken current) {
        locked(entries -> {
            Entry e = entries.get(key(connection, subject));
            if (e != null && e.claimUntil > 0 && e.holds(current, cipher, connection, subject)) {
                entries.put(key(connection, subject), e.claimedUntil(0));
            }
            return null;
        }, true);
    }

    @Override
    public String toString() {
        return "FileTokenStore[" + file + (cipher.encrypts() ? ", encrypted" : "") + "]";
    }

    // ---- locking, reading, writing

    @SuppressWarnings("try") // the file lock is held for the block, never referenced in it
    private <T> T locked(Function<Map<String, Entry>, T> operation, boolean write) {
        ReentrantLock jvmLock = JVM_LOCKS.computeIfAbsent(file, f -> new ReentrantLock());
        jvmLock.lock();
        try {
            ensureDirectory();
            try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock lock = lock(channel)) {
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

    /**
     * The process-wide lock on the lock file. Another class loader's store in this JVM (a second
     * deployment) holding it shows as {@link OverlappingFileLockException}: wait for it, as another
     * process would be waited for.
     */
    private FileLock lock(FileChannel channel) throws IOException {
        long pause = 1;
        long deadline = System.nanoTime() + LOCK_WAIT.toNanos();
        while (true) {
            try {
                return channel.lock();
            } catch (OverlappingFileLockException e) {
                if (System.nanoTime() > deadline) {
                    throw new IOException("the token file is locked by another application in this JVM for more than " + LOCK_WAIT, e);
                }
                try {
                    Thread.sleep(pause);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while waiting for the token file lock", ie);
                }
                pause = Math.min(20, pause * 2);
            }
        }
    }

    /** The real path of {@code file} (its directory resolved through links), so every alias shares one lock. */
    private static Path realPath(Path file) {
        Path dir = file.getParent();
        try {
            if (dir != null && Files.isDirectory(dir)) {
                return dir.toRealPath().resolve(file.getFileName());
            }
        } catch (IOException e) {
            // use it as given
        }
        return file;
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
            entries.put(e.getKey(), Entry.from(o, file));
        }
        return entries;
    }

    private String serialize(Map<String, Entry> entries) {
        JsonObjectBuilder tokens = Json.createObjectBuilder();
        entries.forEach((k, e) -> tokens.add(k, e.toJson()));
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
            forceDirectory(dir);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Makes the rename durable: the directory entry itself is forced to disk (where the platform allows opening a directory). */
    private static void forceDirectory(Path dir) {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Windows cannot open a directory; its rename is durable on NTFS
        }
    }

    private boolean posix() {
        return file.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    private static String key(String connection, String subject) {
        return connection + "/" + subject;
    }

    /** One stored pair as written (sealed values stay sealed until their subject asks) and its refresh-claim lease. */
    private static final class Entry {
        final String access;
        final String tokenType;
        final String expiresAt;
        final String refresh;
        final String createdAt;
        final long claimUntil;

        Entry(String access, String tokenType, String expiresAt, String refresh, String createdAt, long claimUntil) {
            this.access = access;
            this.tokenType = tokenType;
            this.expiresAt = expiresAt;
            this.refresh = refresh;
            this.createdAt = createdAt;
            this.claimUntil = claimUntil;
        }

        static Entry seal(AccessToken token, TokenCipher cipher, String connection, String subject) {
            return new Entry(cipher.seal(token.value(), connection, subject, "access_token"), token.tokenType(),
                    token.expiresAt().toString(), cipher.seal(token.refreshToken(), connection, subject, "refresh_token"),
                    token.createdAt().toString(), 0);
        }

        Entry claimedUntil(long until) {
            return new Entry(access, tokenType, expiresAt, refresh, createdAt, until);
        }

        AccessToken open(TokenCipher cipher, String connection, String subject) {
            return new AccessToken(cipher.open(access, connection, subject, "access_token"), tokenType, Instant.parse(expiresAt),
                    cipher.open(refresh, connection, subject, "refresh_token"), Instant.parse(createdAt));
        }

        /** @return whether this entry holds {@code token} (an entry that cannot be opened holds nothing) */
        boolean holds(AccessToken token, TokenCipher cipher, String connection, String subject) {
            try {
                return open(cipher, connection, subject).equals(token);
            } catch (UnreadableTokenException e) {
                return false;
            }
        }

        JsonObject toJson() {
            JsonObjectBuilder b = Json.createObjectBuilder()
                    .add("access_token", access)
                    .add("token_type", tokenType)
                    .add("expires_at", expiresAt)
                    .add("created_at", createdAt);
            if (refresh != null) {
                b.add("refresh_token", refresh);
            }
            if (claimUntil > 0) {
                b.add("refresh_claimed_until", claimUntil);
            }
            return b.build();
        }

        static Entry from(JsonObject o, Path file) {
            try {
                String access = string(o, "access_token");
                String tokenType = string(o, "token_type");
                String expiresAt = string(o, "expires_at");
                String createdAt = string(o, "created_at");
                if (access == null || tokenType == null || expiresAt == null || createdAt == null) {
                    throw new IllegalArgumentException("missing member");
                }
                Instant.parse(expiresAt);
                Instant.parse(createdAt);
                long claim = o.containsKey("refresh_claimed_until") ? o.getJsonNumber("refresh_claimed_until").longValueExact() : 0;
                return new Entry(access, tokenType, expiresAt, string(o, "refresh_token"), createdAt, claim);
            } catch (RuntimeException e) {
                throw new ProcoreException("token store file " + file + " has a malformed entry (" + e.getClass().getSimpleName()
                        + "); it was left untouched", e);
            }
        }

        private static String string(JsonObject o, String name) {
            JsonValue v = o.get(name);
            return v instanceof JsonString s ? s.getString() : null;
        }
    }
}
