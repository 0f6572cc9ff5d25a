package io.github.procorecdi.token;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import io.github.procorecdi.ProcoreException;

/**
 * Encrypts token values at rest with AES-GCM ({@code token-store.encryption-key}). Each value gets a
 * fresh 12-byte nonce; the (connection, subject) it belongs to is authenticated as associated data,
 * so a value copied to another entry does not decrypt.
 */
public final class TokenCipher {
    private static final String PREFIX = "aesgcm:";
    private static final SecureRandom RANDOM = new SecureRandom();
    private final SecretKeySpec key;

    /** @param key 16, 24 or 32 bytes */
    public TokenCipher(byte[] key) {
        this.key = new SecretKeySpec(key.clone(), "AES");
    }

    /** @return {@code value} encrypted, or {@code null} for {@code null} */
    public String encrypt(String value, String connection, String subject) {
        if (value == null) {
            return null;
        }
        try {
            byte[] nonce = new byte[12];
            RANDOM.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
            cipher.updateAAD(aad(connection, subject));
            byte[] sealed = cipher.doFinal(value.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[nonce.length + sealed.length];
            System.arraycopy(nonce, 0, out, 0, nonce.length);
            System.arraycopy(sealed, 0, out, nonce.length, sealed.length);
            return PREFIX + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new ProcoreException("cannot encrypt a token for the token store: " + e.getClass().getSimpleName(), e);
        }
    }

    /** @return the decrypted value, or {@code null} for {@code null} */
    public String decrypt(String stored, String connection, String subject) {
        if (stored == null) {
            return null;
        }
        if (!stored.startsWith(PREFIX)) {
            throw new ProcoreException("the token store holds an unencrypted token for connection '" + connection
                    + "' although token-store.encryption-key is set");
        }
        try {
            byte[] in = Base64.getDecoder().decode(stored.substring(PREFIX.length()));
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, in, 0, 12));
            cipher.updateAAD(aad(connection, subject));
            return new String(cipher.doFinal(in, 12, in.length - 12), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new ProcoreException("cannot decrypt a stored token of connection '" + connection
                    + "' (wrong token-store.encryption-key, or the entry was tampered with)", e);
        }
    }

    /** @return whether {@code stored} is an encrypted value */
    public static boolean isEncrypted(String stored) {
        return stored != null && stored.startsWith(PREFIX);
    }

    private static byte[] aad(String connection, String subject) {
        return (connection + '\u0000' + subject).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "TokenCipher[AES-GCM]";
    }
}
