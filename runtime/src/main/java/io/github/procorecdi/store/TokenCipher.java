package io.github.procorecdi.store;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import io.github.procorecdi.ProcoreException;
import io.github.procorecdi.internal.Digests;

/**
 * Seals token values at rest with AES-GCM ({@code token-store.encryption-key}), or passes them
 * through when no key is configured ({@link #none()}). Every sealed value records the id of the key
 * that sealed it ({@code aesgcm2:<key id>:<base64 nonce+ciphertext>}); values sealed with one of the
 * {@code previous-encryption-keys} still open, and are sealed with the current key when next written.
 * The store key, subject and column are authenticated as associated data: a value copied to another
 * entry or another column does not open.
 *
 * <p>{@link #open} never returns a value it cannot vouch for: a sealed value without a matching key,
 * a tampered one, or a clear-text value while a key is configured is an {@link UnreadableTokenException}.
 */
public final class TokenCipher {
    private static final String PREFIX = "aesgcm2:";
    private static final String LEGACY_PREFIX = "aesgcm:";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final TokenCipher NONE = new TokenCipher(null, List.of());

    private final String currentId;
    private final SecretKeySpec current;
    private final Map<String, SecretKeySpec> keys = new LinkedHashMap<>();

    /**
     * @param key          the sealing key: 16, 24 or 32 bytes, or {@code null} for no encryption
     * @param previousKeys keys still accepted for opening (rotation)
     */
    public TokenCipher(byte[] key, List<byte[]> previousKeys) {
        this.current = key == null ? null : new SecretKeySpec(key.clone(), "AES");
        this.currentId = key == null ? null : keyId(key);
        if (key != null) {
            keys.put(currentId, current);
        }
        for (byte[] k : previousKeys) {
            keys.putIfAbsent(keyId(k), new SecretKeySpec(k.clone(), "AES"));
        }
    }

    /** @param key 16, 24 or 32 bytes */
    public TokenCipher(byte[] key) {
        this(key, List.of());
    }

    /** @return the cipher of a store without encryption: values are stored as they are, sealed ones are refused */
    public static TokenCipher none() {
        return NONE;
    }

    /** @return whether values are sealed */
    public boolean encrypts() {
        return current != null;
    }

    /** @return the id recorded in values sealed with {@code key}: the first 8 bytes of its SHA-256, in hex */
    public static String keyId(byte[] key) {
        MessageDigest sha = Digests.sha256();
        sha.update("procore-cdi token key\u0000".getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(sha.digest(key), 0, 8);
    }

    /** @return {@code value} sealed with the current key (or as it is without one); {@code null} for {@code null} */
    public String seal(String value, String storeKey, String subject, String column) {
        if (value == null || current == null) {
            return value;
        }
        try {
            byte[] nonce = new byte[12];
            RANDOM.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, current, new GCMParameterSpec(128, nonce));
            cipher.updateAAD(aad(currentId, storeKey, subject, column));
            byte[] sealed = cipher.doFinal(value.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[nonce.length + sealed.length];
            System.arraycopy(nonce, 0, out, 0, nonce.length);
            System.arraycopy(sealed, 0, out, nonce.length, sealed.length);
            return PREFIX + currentId + ":" + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new ProcoreException("cannot encrypt a token for the token store: " + e.getClass().getSimpleName(), e);
        }
    }

    /**
     * @return the value {@link #seal} sealed; {@code null} for {@code null}
     * @throws UnreadableTokenException if it cannot be vouched for
     */
    public String open(String stored, String storeKey, String subject, String column) {
        if (stored == null) {
            return null;
        }
        boolean sealed = stored.startsWith(PREFIX) || stored.startsWith(LEGACY_PREFIX);
        if (current == null && keys.isEmpty()) {
            if (sealed) {
                throw new UnreadableTokenException("the stored " + column + " is encrypted but no token-store.encryption-key is set", null);
            }
            return stored;
        }
        if (!sealed) {
            throw new UnreadableTokenException("the stored " + column + " is not encrypted although token-store.encryption-key is set", null);
        }
        if (stored.startsWith(LEGACY_PREFIX)) {
            throw new UnreadableTokenException("the stored " + column + " was sealed by procore-cdi 0.1, which recorded no key id", null);
        }
        int colon = stored.indexOf(':', PREFIX.length());
        String id = colon < 0 ? "" : stored.substring(PREFIX.length(), colon);
        SecretKeySpec key = keys.get(id);
        if (key == null) {
            throw new UnreadableTokenException("the stored " + column + " was sealed with key id " + id
                    + ", which is neither token-store.encryption-key nor one of token-store.previous-encryption-keys", null);
        }
        try {
            byte[] in = Base64.getDecoder().decode(stored.substring(colon + 1));
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, in, 0, 12));
            cipher.updateAAD(aad(id, storeKey, subject, column));
            return new String(cipher.doFinal(in, 12, in.length - 12), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException | ArrayIndexOutOfBoundsException e) {
            throw new UnreadableTokenException("the stored " + column + " does not open with key id " + id
                    + " (tampered with, or copied from another entry)", null);
        }
    }

    private static byte[] aad(String keyId, String storeKey, String subject, String column) {
        return ("procore-cdi/2\u0000" + keyId + '\u0000' + storeKey + '\u0000' + subject + '\u0000' + column)
                .getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return current == null ? "TokenCipher[none]" : "TokenCipher[AES-GCM, key " + currentId + ", " + (keys.size() - 1) + " previous]";
    }
}
